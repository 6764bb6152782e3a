# The plugin image built from the runnable jar, for those who build with a container engine. It is the image Jib
# builds from drone-plugin/pom.xml (same base, entry point, user and labels), in one layer instead of Jib's
# reproducible, layered one. Build the jar first:
#
#   ./mvnw -pl drone-plugin -am package -DskipTests
#   docker build --build-arg JRE_IMAGE=amazoncorretto:21.0.11-al2023-headless@sha256:<digest> -t glue-health-check .
#
# JRE_IMAGE: any image with a Java 17+ `java` on PATH; pin it by digest when you publish (docs/drone.md). The
# default is the Jib image's base (drone-plugin/src/test/image/published-base.properties says why): Corretto 21 on
# Amazon Linux 2023, whose /usr/bin/python3 is Python 3.9, the Python of Glue's Python shell.
ARG JRE_IMAGE=amazoncorretto:21.0.11-al2023-headless
FROM ${JRE_IMAGE}

ARG JRE_IMAGE
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="glue-health-check" \
      org.opencontainers.image.description="Health-checks AWS Glue jobs from a terminal or as a Drone, Woodpecker or Harness CI plugin step." \
      org.opencontainers.image.source="https://github.com/glue-health-check/glue-health-check" \
      org.opencontainers.image.url="https://github.com/glue-health-check/glue-health-check" \
      org.opencontainers.image.documentation="https://github.com/glue-health-check/glue-health-check/blob/main/docs/drone.md" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="${JRE_IMAGE}"

# Python 3, with which local mode (endpoint: local) runs Python shell checks. Glue's Python shell runs 3.9; the
# image takes the base's own python3 (3.9 on the default base, as on the image test's stand-in for it), or on a
# Debian or Ubuntu base without one installs the distribution's (3.12 on Ubuntu 24.04, for example).
RUN command -v python3 >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends python3 \
      && rm -rf /var/lib/apt/lists/*; }

COPY drone-plugin/target/glue-health-check.jar /app/glue-health-check.jar

# Root, because Drone's workspace is root-owned and the reports are written into it (docs/drone.md, "User").
USER 0
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75", "-jar", "/app/glue-health-check.jar"]
