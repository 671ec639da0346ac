"""Demo web: seeded, realistic cluster-organisation websites served on loopback, with ground
truth, so the real spider can be tested and demonstrated offline.

    web = generate(seed=2014)
    with DemoServer(web) as server:
        truth = web.ground_truth(server.port)
        registry = web.registry_yaml(server.port)
"""

from __future__ import annotations

from .model import Post, Response, SiteData
from .server import DemoServer
from .web import DemoWeb, generate

__all__ = ["DemoServer", "DemoWeb", "Post", "Response", "SiteData", "generate"]
