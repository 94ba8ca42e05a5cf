#!/usr/bin/env bash
# Runs QuickFIX/J's 65 FIX 4.4 server acceptance cases against GatewayMain with the certification
# session (TW -> ISLD, no password). Builds the gateway, starts it on a free port, waits until it
# listens, runs the suite, stops the gateway and exits with the suite's status.
#   gateway/ci-acceptance.sh [extra fix_acceptance.py options, e.g. --skip-slow or --junit-xml FILE]
# MVN_FLAGS (e.g. "-o") is passed to Maven.
set -euo pipefail

GATEWAY_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$GATEWAY_DIR/.." && pwd)"
SHARED="${DATABOURSE_SHARED:-$ROOT/../shared}"
SUITE="$SHARED/fix-acceptance/fix44"
RUNNER="$SHARED/tools/fix_acceptance.py"
MVN_FLAGS="${MVN_FLAGS:-}"

cd "$ROOT"
# -am installs the parent POM and journal too: a fresh local repository has neither
mvn -q -B $MVN_FLAGS install -pl gateway -am -DskipTests
mvn -q -B $MVN_FLAGS dependency:build-classpath -pl gateway -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$GATEWAY_DIR/target/runtime-classpath.txt"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
WORK="$(mktemp -d /tmp/databourse-fix-acceptance.XXXXXX)"
LOG="$WORK/gateway.log"
# A private copy of the jar: a build running meanwhile in gateway/target cannot pull classes from under us.
# (the main jar, not the test-jar the launcher's tests use)
cp "$(ls "$GATEWAY_DIR"/target/databourse-gateway-*.jar | grep -v -e '-tests\.jar$' | head -n 1)" "$WORK/gateway.jar"
CLASSPATH="$WORK/gateway.jar:$(cat "$GATEWAY_DIR/target/runtime-classpath.txt")"

# Agrona's and Chronicle Queue's flags (the session stores are Chronicle queues): /work/shared/DEPENDENCIES.md.
java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
    -Dchronicle.analytics.disable=true --enable-native-access=ALL-UNNAMED -Xmx256m \
    -cp "$CLASSPATH" io.databourse.gateway.GatewayMain \
    --host 127.0.0.1 --port "$PORT" --sessions "$GATEWAY_DIR/certification-sessions.ini" --store-dir "$WORK/seqnums" \
    >"$LOG" 2>&1 &
GATEWAY_PID=$!
cleanup()
{
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
    if grep -q "listening on" "$LOG"; then
        break
    fi
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
        echo "gateway exited before listening:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done
if ! grep -q "listening on" "$LOG"; then
    echo "gateway did not start listening within 60 s:" >&2
    cat "$LOG" >&2
    exit 1
fi
echo "gateway $(cat "$LOG") (pid $GATEWAY_PID)"

set +e
python3 "$RUNNER" --host 127.0.0.1 --port "$PORT" "$@" "$SUITE"/*.def
STATUS=$?
set -e
exit $STATUS
