# The two set-up commands (see README): `make demo` and `make test`.
UV := ./scripts/uv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint

demo:
	$(UV) sync --locked
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py load_demo --seeds ../shared/seeds --with-demo-users
	$(UV) run python manage.py runserver $(HOST):$(PORT)

# The browser tests drive a real Chromium: scripts/chromium finds or installs one first, and
# stops here with one line saying what to install when it cannot.
test:
	$(UV) sync --locked
	CHROMIUM_PATH="$$(./scripts/chromium)" && export CHROMIUM_PATH && $(UV) run pytest

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports
