# Shared by scripts/api-check and scripts/scan (sourced, not run): the dopcert binary, a fresh
# service with the demo region on a free loopback port, and a pinned Python tool in its own
# virtual environment under ~/.cache/dopcert/venv.
#
# DOPCERT_BIN: a dopcert binary to take instead of building one (`cargo build --release`).
# DOPCERT_ARTIFACTS: where reports and the service's log go (default: a new temporary folder).

# The binary to serve: $DOPCERT_BIN, or the release build (built here when needed).
dopcert_binary() {
  if [ -n "${DOPCERT_BIN:-}" ]; then
    [ -x "$DOPCERT_BIN" ] || { echo "$0: DOPCERT_BIN=$DOPCERT_BIN is not an executable" >&2; exit 2; }
    return
  fi
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dopcert/target}"
  cargo build --release --locked -p dopcert --bin dopcert >&2
  DOPCERT_BIN="$CARGO_TARGET_DIR/release/dopcert"
}

# A folder for the run's reports and log.
artifacts_dir() {
  ARTIFACTS="${DOPCERT_ARTIFACTS:-$(mktemp -d -t "dopcert-$1-XXXXXX")}"
  mkdir -p "$ARTIFACTS"
  ARTIFACTS=$(cd "$ARTIFACTS" && pwd)
}

# Starts `dopcert serve` on a fresh data folder and a free 127.0.0.1 port, waits for /readyz;
# arguments go to `serve`. Sets BASE (http://127.0.0.1:PORT) and DATA; the service stops when
# the script exits.
start_service() {
  DATA=$(mktemp -d -t dopcert-data-XXXXXX)
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE="http://127.0.0.1:$port"
  "$DOPCERT_BIN" serve --data "$DATA" --listen "127.0.0.1:$port" "$@" >"$ARTIFACTS/service.log" 2>&1 &
  SERVICE_PID=$!
  trap stop_service EXIT
  local i
  for i in $(seq 1 120); do
    if curl -sf "$BASE/readyz" >/dev/null 2>&1; then
      echo "$0: dopcert serving the demo region on $BASE (log: $ARTIFACTS/service.log)" >&2
      return
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "$0: the service did not become ready; its log:" >&2
  tail -n 40 "$ARTIFACTS/service.log" >&2
  exit 1
}

stop_service() {
  if [ -n "${SERVICE_PID:-}" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  [ -n "${DATA:-}" ] && rm -rf "$DATA"
  return 0
}

# The demo password of a login, from `dopcert demo accounts --json`.
demo_password() {
  "$DOPCERT_BIN" demo accounts --json --data "$DATA" 2>/dev/null |
    python3 -c 'import json, sys; print(next(a["password"] for a in json.load(sys.stdin) if a["login"] == sys.argv[1]))' "$1"
}

# A bearer token for a demo login (POST /api/v1/auth/token).
api_token() {
  local body
  body=$(python3 -c 'import json, sys; print(json.dumps({"login": sys.argv[1], "password": sys.argv[2]}))' \
    "$1" "$(demo_password "$1")")
  curl -sf -X POST -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/auth/token" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# A virtual environment with the pinned requirements scripts/requirements/NAME.txt, installed
# from PyPI once and again only when that file changes. Sets VENV.
python_tool() {
  local name=$1 requirements
  requirements="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/requirements/$name.txt"
  VENV="$HOME/.cache/dopcert/venv/$name"
  local stamp
  stamp=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ "$(cat "$VENV/.requirements" 2>/dev/null)" != "$stamp" ]; then
    echo "$0: installing $name into $VENV" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
    echo "$stamp" >"$VENV/.requirements"
  fi
}

# What the service answered, from its log: "N requests: 200 ×n, 303 ×n, …"; fails (status 1)
# when any answer was a 5xx (but /readyz's 503 while starting).
answers() {
  python3 - "$ARTIFACTS/service.log" <<'PY'
import collections, re, sys
answered = re.findall(r"path=([^}]*)\}.*finished processing request .*status=(\d+)", open(sys.argv[1]).read())
statuses = collections.Counter(status for path, status in answered if path != "/readyz")
print(f"{sum(statuses.values())} requests: " + ", ".join(f"{s} ×{n}" for s, n in sorted(statuses.items())))
sys.exit(1 if any(s.startswith("5") for s in statuses) else 0)
PY
}
