#!/usr/bin/env bash
# Makes the image test's stand-in for the published plugin image's base, as a docker-save tarball, without any
# registry. The published base (published-base.properties beside this script: Amazon Corretto 21 on Amazon Linux
# 2023) cannot be pulled here, so this one is built from the same facts: a Python of the same minor version
# (3.9) as /usr/bin/python3, a JRE under the same JAVA_HOME with `java` at /usr/bin/java, LANG, the default PATH,
# root as the user. The JRE is jlink'd from the JDK that runs the build (its version is that JDK's, not 21; the
# plugin needs 17+), plus a shell, the shared libraries they need, /etc/passwd and /tmp. Jib builds the plugin
# image on it with the published build's configuration (jib.from.image=tar://.../base.tar is the only change) and
# the image test loads both into podman; ImageIT checks the base against the facts.
#
# usage: make-base-image.sh OUT_DIR ARCH(amd64|arm64) [JAVA_HOME]
#   PYTHON3=/path/to/python3.9 picks the Python (default: python3.9 on PATH, else pyenv's newest 3.9).
set -euo pipefail

out=$1
arch=$2
java_home=${3:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
tag=localhost/glue-health-check-base:image-test
facts=$(dirname "$0")/published-base.properties
fact() {
  local value
  value=$(sed -n "s/^$1=//p" "$facts")
  [[ -n "$value" ]] || { echo "make-base-image.sh: $facts has no $1=" >&2; exit 1; }
  echo "$value"
}
base_java_home=$(fact java_home)
base_java=$(fact java)
base_lang=$(fact lang)
base_python3=$(fact python3)
base_python_version=$(fact python_version)

if [[ -s "$out/base.tar" && "$out/base.tar" -nt "$0" && "$out/base.tar" -nt "$facts" ]]; then
  echo "base image: $out/base.tar is up to date"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs$(dirname "$base_java_home")" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/home/glue"

# The modules the program needs (jdeps on the jar, plus what is reached by reflection or the service loader:
# EC crypto for TLS, sun.misc.Signal for local-endpoint). --generate-cds-archive adds the JDK's class-data sharing
# archive (lib/server/classes.jsa), as the Corretto (and eclipse-temurin) JRE images have it: the JVM maps its own
# classes instead of loading them, which the plugin's start-up shows (docs/performance.md).
"$java_home/bin/jlink" --output "$rootfs$base_java_home" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive

# `java` where the base's alternatives put it.
mkdir -p "$rootfs$(dirname "$base_java")"
ln -s "$base_java_home/bin/java" "$rootfs$base_java"

# A shell, which a Dockerfile's RUN step needs to make the class-data archive of Dockerfile.archive (the published
# base has a whole Amazon Linux userland): dash as /bin/sh.
mkdir -p "$rootfs/usr/bin"
ln -s usr/bin "$rootfs/bin"
cp -L "$(command -v dash)" "$rootfs/usr/bin/sh"

# Python for Python shell checks in local mode (the embedded endpoint runs them with `python3`): the published base's
# minor version, which is Glue's Python shell's (3.9), as its python3. Debian 12 has no 3.9, so it comes from
# PYTHON3, python3.9 on PATH, or pyenv (the build machines have pyenv's 3.9).
find_python() {
  local candidate real
  for candidate in "${PYTHON3:-}" "$(command -v "python$base_python_version" 2>/dev/null)" \
      $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}/versions/$base_python_version".*/bin/"python$base_python_version" 2>/dev/null | sort -rV); do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    # The interpreter itself, not a launcher such as a pyenv shim.
    real=$("$candidate" -c 'import sys; print(sys.executable)' 2>/dev/null) || continue
    if [[ "$("$real" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" == "$base_python_version" ]]; then
      echo "$real"
      return 0
    fi
  done
  return 1
}
python=$(find_python) || {
  echo "make-base-image.sh: no Python $base_python_version here (the published base's python3, $facts);" \
    "set PYTHON3=/path/to/python$base_python_version or install one (pyenv install $base_python_version)" >&2
  exit 1
}
python_version=$base_python_version
# The interpreter and its standard library only (no site-packages: a clean Python like Glue's, whose libraries a
# script may lack here, which the check then reports as NOT CHECKED LOCALLY); tests, IDLE/Tk, 2to3, ensurepip,
# pydoc's data, the C build configuration and the optimised .pyc variants are left out.
python_lib=$(dirname "$("$python" -c 'import os; print(os.__file__)')")
mkdir -p "$rootfs/usr/bin" "$rootfs/usr/lib"
cp -L "$python" "$rootfs/usr/bin/python$python_version"
ln -s "python$python_version" "$rootfs$base_python3"
tar -C "$(dirname "$python_lib")" \
  --exclude='test' --exclude='idlelib' --exclude='tkinter' --exclude='turtledemo' --exclude='lib2to3' \
  --exclude='ensurepip' --exclude='pydoc_data' --exclude='config-*' --exclude='*.opt-1.pyc' --exclude='*.opt-2.pyc' \
  --exclude='_test*.so' --exclude='_xxtestfuzz*.so' --exclude='site-packages' --exclude='dist-packages' \
  --exclude='sitecustomize.py' --exclude='EXTERNALLY-MANAGED' \
  -cf - "$(basename "$python_lib")" | tar -C "$rootfs/usr/lib" -xf -
# A Python built with --enable-shared (pyenv's) needs its libpython; its run path is a directory of this machine, so
# it goes where the loader looks by default.
libpython=$(ldd "$python" | awk '$1 ~ /^libpython/ && $3 ~ /^\// { print $3 }')
elf_files=("$rootfs$base_java_home" "$rootfs/usr/bin" "$rootfs/usr/lib/python$python_version")
if [[ -n "$libpython" ]]; then
  cp -L "$libpython" "$rootfs/usr/lib/$(basename "$libpython")"
  elf_files+=("$rootfs/usr/lib/$(basename "$libpython")")
fi
# A distribution's Python comes stripped; pyenv's keeps its symbols (about 18 MB of them).
find "$rootfs/usr/bin/python$python_version" "$rootfs/usr/lib/python$python_version/lib-dynload" "$rootfs/usr/lib" \
  -maxdepth 1 -type f \( -name 'python*' -o -name '*.so' -o -name 'libpython*' \) -exec strip --strip-unneeded {} +

# The shared libraries of the JRE's and the shell's ELF files, at the paths the loader looks for them.
# java.desktop is there for java.beans only: its AWT, font, image and sound libraries never load in a CLI, so their
# X11 and font dependencies are left out.
find "${elf_files[@]}" -type f \( -name '*.so' -o -name 'libpython*' -o -path '*/bin/*' \) \
  ! -name 'libawt*' ! -name 'libfontmanager*' ! -name 'libjawt*' ! -name 'libsplashscreen*' ! -name 'liblcms*' \
  ! -name 'libjavajpeg*' ! -name 'libmlib_image*' ! -name 'libjsound*' -print0 |
  xargs -0 ldd 2>/dev/null | awk '/^\t/ { if ($2 == "=>" && $3 ~ /^\//) print $3; else if ($1 ~ /^\//) print $1 }' |
  grep -v "^$rootfs" | grep -v '/libpython' | sort -u |
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
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=$base_lang","JAVA_HOME=$base_java_home"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"make-base-image.sh: stand-in for $(fact image): jlink'd JRE from $java_home, Python from $python"}]}
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
