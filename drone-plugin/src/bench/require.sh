#!/usr/bin/env bash
# What the benchmark needs besides the JDK: podman and runc (the image figures), python3 (the local endpoint runs
# the Python shell job), GNU time (peak RSS) and the AWS CLI (the original solution's loop). On Debian, as root,
# the missing ones are installed; elsewhere this says what to install and fails.
set -euo pipefail
need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v runc >/dev/null 2>&1 || need+=(runc)
command -v python3 >/dev/null 2>&1 || need+=(python3)
[ -x /usr/bin/time ] || need+=(time)
command -v aws >/dev/null 2>&1 || need+=(awscli)
command -v gzip >/dev/null 2>&1 || need+=(gzip)
command -v git >/dev/null 2>&1 || need+=(git)
if [ ${#need[@]} -eq 0 ]; then
  echo "bench: podman, runc, python3, /usr/bin/time and aws are there"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "bench: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
else
  echo "bench: missing ${need[*]}: install them (Debian: apt-get install -y ${need[*]}) and run again" >&2
  exit 1
fi
