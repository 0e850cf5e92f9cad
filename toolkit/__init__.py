"""tct, the translation comparison toolkit: how faithful is a rendering to its original?"""

__version__ = "0.1.0"
