#!/usr/bin/env bash
# Makes a small JRE base image as a docker-save tarball, without any registry: a jlink'd JRE from the JDK that
# runs the build, a shell, Debian's Python 3 (for Python shell checks in local mode), the shared libraries they need,
# /etc/passwd and /tmp. Jib builds the plugin image on it
# (jib.from.image=tar://.../base.tar) and the image test loads both into podman. Laid out like the
# eclipse-temurin images (JAVA_HOME=/opt/java/openjdk, java on PATH) so the Dockerfile works on it too.
#
# usage: make-base-image.sh OUT_DIR ARCH(amd64|arm64) [JAVA_HOME]
set -euo pipefail

out=$1
arch=$2
java_home=${3:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
tag=localhost/glue-health-check-base:image-test

if [[ -s "$out/base.tar" && "$out/base.tar" -nt "$0" ]]; then
  echo "base image: $out/base.tar is up to date"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs/opt/java" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/home/glue"

# The modules the program needs (jdeps on the jar, plus what is reached by reflection or the service loader:
# EC crypto for TLS, sun.misc.Signal for local-endpoint). --generate-cds-archive adds the JDK's class-data sharing
# archive (lib/server/classes.jsa), as the eclipse-temurin JRE images have it: the JVM maps its own classes instead
# of loading them, which the plugin's start-up shows (docs/performance.md).
"$java_home/bin/jlink" --output "$rootfs/opt/java/openjdk" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive

# A shell, which a Dockerfile's RUN step needs to make the class-data archive of Dockerfile.archive (the
# eclipse-temurin images have a whole Ubuntu userland): dash as /bin/sh.
mkdir -p "$rootfs/usr/bin"
ln -s usr/bin "$rootfs/bin"
cp -L "$(command -v dash)" "$rootfs/usr/bin/sh"

# Python 3 for Python shell checks in local mode (the embedded endpoint runs them with `python3`). Glue's Python
# shell runs 3.9; Debian 12, whose python3 the build machine has, offers only 3.11 (3.11.2), the closest there is.
# The interpreter and its standard library only (no dist-packages: a clean Python like Glue's, whose libraries a
# script may lack here, which the check then reports as NOT CHECKED LOCALLY); tests, IDLE/Tk, 2to3, ensurepip,
# pydoc's data, the C build configuration and the optimised .pyc variants are left out.
python=${PYTHON3:-/usr/bin/python3.11}
python_version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
python_lib=$(dirname "$("$python" -c 'import os; print(os.__file__)')")
mkdir -p "$rootfs/usr/bin" "$rootfs/usr/lib"
cp -L "$python" "$rootfs/usr/bin/python$python_version"
ln -s "python$python_version" "$rootfs/usr/bin/python3"
tar -C "$(dirname "$python_lib")" \
  --exclude='test' --exclude='idlelib' --exclude='tkinter' --exclude='turtledemo' --exclude='lib2to3' \
  --exclude='ensurepip' --exclude='pydoc_data' --exclude='config-*' --exclude='*.opt-1.pyc' --exclude='*.opt-2.pyc' \
  --exclude='_test*.so' --exclude='_xxtestfuzz*.so' --exclude='site-packages' --exclude='dist-packages' \
  --exclude='sitecustomize.py' --exclude='EXTERNALLY-MANAGED' \
  -cf - "$(basename "$python_lib")" | tar -C "$rootfs/usr/lib" -xf -

# The shared libraries of the JRE's and the shell's ELF files, at the paths the loader looks for them.
# java.desktop is there for java.beans only: its AWT, font, image and sound libraries never load in a CLI, so their
# X11 and font dependencies are left out.
find "$rootfs/opt/java/openjdk" "$rootfs/usr/bin" "$rootfs/usr/lib/python$python_version" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  ! -name 'libawt*' ! -name 'libfontmanager*' ! -name 'libjawt*' ! -name 'libsplashscreen*' ! -name 'liblcms*' \
  ! -name 'libjavajpeg*' ! -name 'libmlib_image*' ! -name 'libjsound*' -print0 |
  xargs -0 ldd 2>/dev/null | awk '/^\t/ { if ($2 == "=>" && $3 ~ /^\//) print $3; else if ($1 ~ /^\//) print $1 }' |
  grep -v "^$rootfs" | sort -u |
  while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done

cat > "$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
glue:x:1000:1000:glue:/home/glue:/sbin/nologin
EOF
cat > "$rootfs/etc/group" <<'EOF'
root:x:0:
glue:x:1000:
EOF
chmod 1777 "$rootfs/tmp"
chown 1000:1000 "$rootfs/home/glue"

# One reproducible layer, and the docker-save layout around it.
tar --sort=name --mtime=@0 --numeric-owner -C "$rootfs" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<EOF
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"make-base-image.sh: jlink'd JRE from $java_home, Python from $python"}]}
EOF
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mkdir -p "$work/image"
mv "$work/layer.tar" "$work/image/layer.tar"
mv "$work/config.json" "$work/image/$config_id.json"
cat > "$work/image/manifest.json" <<EOF
[{"Config":"$config_id.json","RepoTags":["$tag"],"Layers":["layer.tar"]}]
EOF
# Entries named plainly (no "./"): Jib refuses an archive entry that points at its own destination.
tar --mtime=@0 --numeric-owner -C "$work/image" -cf "$out/base.tar" manifest.json "$config_id.json" layer.tar
echo "base image: $out/base.tar ($(du -h "$out/base.tar" | cut -f1), $tag, JRE from $java_home, Python $("$python" -V 2>&1 | cut -d' ' -f2) from $python)"
