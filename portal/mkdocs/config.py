"""MkDocs adapter: the portal plugin's options in mkdocs.yml (`plugins: - portal: …`).

Declared from the domain's one table of options (`site/settings.py`), which also reads and
checks them: MkDocs only has to accept the names.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..site.options import OPTIONS

PortalConfig = type(
    "PortalConfig",
    (base.Config,),
    {name: c.Optional(c.Type(object)) for name in OPTIONS},
)
