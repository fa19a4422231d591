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

test:
	$(UV) sync --locked
	$(UV) run pytest

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports
