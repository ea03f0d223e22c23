# shellcheck shell=sh
# Finds a JDK >= 21 and exports JAVA_HOME and PATH for it. Sourced by ./mvnw, ./mburoja and .ci/run.
# Order: $JAVA_HOME if it is >= 21, else `java` on PATH if >= 21, else the newest JDK under /usr/lib/jvm
# (MBUROJA_JDK_ROOT names another directory to look in, for tests and unusual layouts).
# Stops with a message naming what it found when there is none.

mburoja_java_major() {
  # prints the major version of the java binary $1 (17, 21, 25...), or nothing. A JDK's `release` file (every JDK
  # since 9 has one) names its version, so reading it spares a JVM start per JDK looked at (about 0.1 CPU-s each,
  # 0.4 s of every launcher run on a machine whose default java is too old). The binary itself is asked when there is
  # no such file or the file names another architecture than this machine's (a copied JDK that would not run here).
  _mj_bin=$(readlink -f "$1" 2>/dev/null || echo "$1")
  _mj_rel="${_mj_bin%/bin/java}/release"
  if [ "$_mj_rel" != "$_mj_bin/release" ] && [ -r "$_mj_rel" ]; then
    _mj_rv=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\)[^"]*"[[:space:]]*$/\1/p' "$_mj_rel" | head -n 1)
    _mj_ra=$(sed -n 's/^OS_ARCH="\([^"]*\)"[[:space:]]*$/\1/p' "$_mj_rel" | head -n 1)
    if [ -n "$_mj_rv" ] && [ "$_mj_ra" = "$(uname -m)" ]; then
      echo "$_mj_rv"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

mburoja_find_jdk() {
  _mj_min=21
  _mj_seen=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    _mj_v=$(mburoja_java_major "$JAVA_HOME/bin/java")
    if [ -n "$_mj_v" ] && [ "$_mj_v" -ge "$_mj_min" ]; then
      export JAVA_HOME; PATH="$JAVA_HOME/bin:$PATH"; export PATH; return 0
    fi
    _mj_seen="$_mj_seen JAVA_HOME=$JAVA_HOME (java $_mj_v);"
  fi
  if command -v java >/dev/null 2>&1; then
    _mj_java=$(command -v java)
    _mj_v=$(mburoja_java_major "$_mj_java")
    _mj_real=$(readlink -f "$_mj_java" 2>/dev/null || echo "$_mj_java")
    _mj_home=$(dirname "$(dirname "$_mj_real")")
    if [ -n "$_mj_v" ] && [ "$_mj_v" -ge "$_mj_min" ] && [ -x "$_mj_home/bin/javac" ]; then
      JAVA_HOME="$_mj_home"; export JAVA_HOME; PATH="$JAVA_HOME/bin:$PATH"; export PATH; return 0
    fi
    _mj_seen="$_mj_seen java on PATH=$_mj_real (java $_mj_v);"
  fi
  _mj_best=""; _mj_best_v=0
  _mj_noglob=0; case $- in *f*) _mj_noglob=1; set +f ;; esac
  for _mj_dir in "${MBUROJA_JDK_ROOT:-/usr/lib/jvm}"/*; do
    [ -x "$_mj_dir/bin/java" ] && [ -x "$_mj_dir/bin/javac" ] || continue
    [ -L "$_mj_dir" ] && continue
    _mj_v=$(mburoja_java_major "$_mj_dir/bin/java")
    [ -n "$_mj_v" ] || continue
    _mj_seen="$_mj_seen $_mj_dir (java $_mj_v);"
    if [ "$_mj_v" -gt "$_mj_best_v" ]; then _mj_best="$_mj_dir"; _mj_best_v=$_mj_v; fi
  done
  [ "$_mj_noglob" = 1 ] && set -f
  if [ -n "$_mj_best" ] && [ "$_mj_best_v" -ge "$_mj_min" ]; then
    JAVA_HOME="$_mj_best"; export JAVA_HOME; PATH="$JAVA_HOME/bin:$PATH"; export PATH; return 0
  fi
  echo "mburoja: no JDK $_mj_min or newer found. Looked at:${_mj_seen:- nothing (no JAVA_HOME, no java on PATH, nothing under /usr/lib/jvm)}" >&2
  echo "mburoja: install a JDK >= $_mj_min (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to one." >&2
  return 1
}
