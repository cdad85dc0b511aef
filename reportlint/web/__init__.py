"""``reportlint serve``: a local web page where reviewers drop reports and read the findings.

``jobs`` holds the work (private upload folders, the same Batch engine and cache as ``batch``,
a background thread, per-file views); ``app`` is the Starlette application (routes, limits,
Host and Origin checks); ``static/`` is the page itself (plain HTML, CSS and JavaScript that
only ever writes report text through ``textContent``). Starlette and uvicorn come from the
optional ``[serve]`` extra and are imported only here.
"""
