"""Where the Argo servers are and how to authenticate: LSP settings first, then the environment.

LSP settings (initializationOptions) under `gitops`:
  {"gitops": {"argo": {"url", "token", "namespace", "caFile", "insecureSkipVerify", "timeout"},
              "argocd": {"url", "token", ...same keys}}}
Environment (the names the `argo` and `argocd` CLIs use):
  ARGO_SERVER (host:port or URL), ARGO_TOKEN ("Bearer …" or the bare token), ARGO_NAMESPACE,
  ARGO_SECURE (false → http), ARGO_INSECURE_SKIP_VERIFY, ARGO_CA_FILE;
  ARGOCD_SERVER, ARGOCD_AUTH_TOKEN, ARGOCD_INSECURE.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from intheflow.gitops.rest import Endpoint


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _url(raw: str, secure: bool) -> str:
    if "://" in raw:
        return raw
    return f"{'https' if secure else 'http'}://{raw}"


def _bearer(token: str) -> dict[str, str]:
    token = token.strip()
    if not token:
        return {}
    return {"Authorization": token if token.lower().startswith("bearer ") else f"Bearer {token}"}


def argo_workflows(
    settings: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> tuple[Endpoint, str] | None:
    """(endpoint, namespace) of the Argo Workflows server, or None when none is configured."""
    env = os.environ if env is None else env
    opts: Mapping[str, Any] = ((settings or {}).get("gitops") or {}).get("argo") or {}
    raw = str(opts.get("url") or env.get("ARGO_SERVER") or "")
    if not raw:
        return None
    secure = _truthy(env.get("ARGO_SECURE", "true"))
    token = str(opts.get("token") or env.get("ARGO_TOKEN") or "")
    endpoint = Endpoint(
        base_url=_url(raw, secure),
        service="Argo Workflows server",
        headers=_bearer(token),
        ca_file=opts.get("caFile") or env.get("ARGO_CA_FILE") or None,
        insecure_skip_verify=_truthy(
            opts.get("insecureSkipVerify", env.get("ARGO_INSECURE_SKIP_VERIFY", "false"))
        ),
        timeout=float(opts.get("timeout", 10.0)),
    )
    namespace = str(opts.get("namespace") or env.get("ARGO_NAMESPACE") or "argo")
    return endpoint, namespace


def argo_cd(
    settings: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> Endpoint | None:
    env = os.environ if env is None else env
    opts: Mapping[str, Any] = ((settings or {}).get("gitops") or {}).get("argocd") or {}
    raw = str(opts.get("url") or env.get("ARGOCD_SERVER") or "")
    if not raw:
        return None
    token = str(opts.get("token") or env.get("ARGOCD_AUTH_TOKEN") or "")
    return Endpoint(
        base_url=_url(raw, True),
        service="Argo CD server",
        headers=_bearer(token),
        ca_file=opts.get("caFile") or None,
        insecure_skip_verify=_truthy(
            opts.get("insecureSkipVerify", env.get("ARGOCD_INSECURE", "false"))
        ),
        timeout=float(opts.get("timeout", 10.0)),
    )
