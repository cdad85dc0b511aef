"""Placeholder until implemented."""
OPTIONS = {}
DEFAULT_SCOPE = "document"


def compile(rule):
    return None


def run(rule, doc, units):
    return iter(())
