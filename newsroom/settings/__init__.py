"""Settings by mode: ``dev`` (default for manage.py), ``test``, ``prod``.

Every mode reads the environment through ``base``; see README, "Configuration".
"""
