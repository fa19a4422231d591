"""schema.org JSON-LD for a page's <script type="application/ld+json">."""

import json

from django.utils.safestring import mark_safe


def json_ld(data):
    """``data`` as JSON, escaped like json_script so no text can close the script tag."""
    escaped = json.dumps(data, ensure_ascii=False).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    )
    return mark_safe(escaped)  # every <, > and & is \u-escaped above
