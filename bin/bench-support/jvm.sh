#!/usr/bin/env bash
# Sourced by the bench scripts: picks the JVM and its flags the same way for each of them.
#   JAVA          the newest JDK on the PATH or under /usr/lib/jvm, unless JAVA is already set; both
#                 engines run on it (the exchange-core peer is started from the same java.home), and
#                 the figures name it (machine.jvm in the results)
#   JAVA_FEATURE  its feature version (17, 25, ...)
#   FLAGS         bin/jvm-flags (Chronicle's --add-opens/--add-exports), plus
#                 --sun-misc-unsafe-memory-access=allow on JDK 24 and later
if [[ -z "${JAVA:-}" ]]; then
    JAVA=java
    best=0
    for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        v="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
        v="${v%%.*}"
        if [[ "$v" =~ ^[0-9]+$ && "$v" -gt "$best" ]]; then best="$v"; JAVA="$candidate"; fi
    done
fi
JAVA_FEATURE="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
# shellcheck disable=SC2207
FLAGS=($(cat bin/jvm-flags))
if [[ "${JAVA_FEATURE%%.*}" -ge 24 ]]; then FLAGS+=(--sun-misc-unsafe-memory-access=allow); fi
