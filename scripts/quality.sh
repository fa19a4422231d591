#!/usr/bin/env bash
# Measure the public pages as a reader's browser and a validator see them:
# Lighthouse scores (performance, accessibility, best practices, SEO) and Nu HTML validator
# errors for home, a story and a topic page, served by gunicorn with DEBUG off and the demo data.
# Needs Node.js/npm (Lighthouse and the validator come from npm), Java, and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=./scripts/uv
PORT=${PORT:-8765}
OUT=${OUT:-benchmarks/out/quality}
mkdir -p "$OUT" .quality
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
export DATABASE_URL="sqlite:///$PWD/.quality/db.sqlite3" DEBUG=false DJANGO_SETTINGS_MODULE=newsroom.settings.dev
rm -f .quality/db.sqlite3
$UV run python manage.py migrate -v0
$UV run python manage.py load_demo --seeds ../shared/seeds -v0
$UV run python manage.py collectstatic --noinput -v0
$UV run gunicorn newsroom.wsgi --bind "127.0.0.1:$PORT" --workers 2 --env DJANGO_SETTINGS_MODULE=newsroom.settings.dev >"$OUT/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 30); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done

base="http://127.0.0.1:$PORT"
pages=(
  "home=$base/"
  "story=$base/stories/2024/11/05/gascon-trails-hochman-in-early-returns/"
  "topic=$base/people/george-gascon/"
  "race=$base/races/2020-la-county-da-general/"
  "race-2024=$base/races/2024-la-county-da-general/"
  "organization=$base/organizations/la-county-district-attorneys-office/"
  "office=$base/offices/la-county-district-attorney/"
)

echo "Nu HTML validator (errors only):"
jar=$(cd .quality && npm install --silent --no-save vnu-jar@26 >/dev/null 2>&1 && node -e "console.log(String(require('vnu-jar')))")
for entry in "${pages[@]}"; do
  name=${entry%%=*} url=${entry#*=}
  # The validator will not fetch from loopback itself, so it reads the saved page.
  curl -fsS "$url" -o "$OUT/$name.html"
  if java -jar "$jar" --errors-only --format text "$OUT/$name.html" >"$OUT/vnu-$name.txt" 2>&1; then
    echo "  $name: valid (0 errors)"
  else
    echo "  $name: $(grep -ci '^error' "$OUT/vnu-$name.txt" || true) errors (see $OUT/vnu-$name.txt)"
  fi
done

echo "Lighthouse (performance / accessibility / best practices / SEO):"
for entry in "${pages[@]}"; do
  name=${entry%%=*} url=${entry#*=}
  ok=""
  for _attempt in 1 2 3; do  # Lighthouse's trace recording fails now and then on a busy machine
    if npx --yes lighthouse@12 "$url" --quiet --output=json --output-path="$OUT/lighthouse-$name.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
      >/dev/null 2>"$OUT/lighthouse-$name.log"; then ok=1; break; fi
  done
  [ -n "$ok" ] || { echo "  $name: lighthouse failed (see $OUT/lighthouse-$name.log)"; continue; }
  python3 - "$name" "$OUT/lighthouse-$name.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
cats = json.load(open(path))["categories"]
scores = [round(cats[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
print(f"  {name}: " + " / ".join(str(s) for s in scores))
PY
done
