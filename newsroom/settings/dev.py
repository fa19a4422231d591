"""Local development: DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine; prod refuses to start with it.
SECRET_KEY = SECRET_KEY or "dev-insecure-key-never-used-in-production"  # noqa: F405

# The demo archive and the synthetic corpus (manage.py load_demo, generate_corpus).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
