"""Image references: ``[domain/]path[:tag][@digest]`` parsed and normalised as Docker/Pouch do.

Normal form: a name without a domain gets ``--default-registry`` (pouchd's default is
``registry.hub.docker.com``) and a single-segment path gets ``library/``; a reference
with neither tag nor digest gets ``:latest``. ``busybox``, ``library/busybox:latest`` and
``registry.hub.docker.com/library/busybox`` are therefore the same image, shown in
RepoTags as ``registry.hub.docker.com/library/busybox:latest`` (as pouchd shows them); so is
``docker.io/library/busybox`` (Docker Hub's aliases stand for the default registry).
"""

from __future__ import annotations

import dataclasses
import re

from runtime.errors import InvalidParameter

_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
DOMAIN_RE = re.compile(rf"^{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*(?::[0-9]+)?\Z")  # \Z: no final newline
PATH_COMPONENT_RE = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\Z")
TAG_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\Z")  # ASCII, as docker's grammar
DIGEST_RE = re.compile(r"^sha256:[a-f0-9]{64}\Z")
ID_RE = re.compile(r"^(?:sha256:)?([a-f0-9]{64})\Z")
MAX_NAME_LENGTH = 255
DEFAULT_TAG = "latest"


@dataclasses.dataclass(frozen=True)
class Reference:
    domain: str
    path: str
    tag: str | None = None
    digest: str | None = None

    @property
    def name(self) -> str:
        return f"{self.domain}/{self.path}" if self.domain else self.path

    def __str__(self) -> str:
        out = self.name
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out

    @property
    def tagged(self) -> str:
        """``name:tag`` (the RepoTags form); the default tag when only a digest was given."""
        return f"{self.name}:{self.tag or DEFAULT_TAG}"

    def with_tag(self, tag: str) -> Reference:
        return dataclasses.replace(self, tag=check_tag(tag), digest=None)


class InvalidReference(InvalidParameter):
    pass


def check_tag(tag: str) -> str:
    if not TAG_RE.match(tag):
        raise InvalidReference(f"invalid tag {tag!r}: want [A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}")
    return tag


# Docker Hub's names for itself: a name under any of them is the same image as the bare name,
# which resolves to --default-registry (the docker CLI sends docker.io/library/busybox for busybox).
DOCKER_HUB_ALIASES = ("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com")


def split_domain(name: str, default_registry: str, namespace: str = "library") -> tuple[str, str]:
    """Docker's rule: the first component is a domain if it has a dot or a port or is localhost."""
    first, slash, rest = name.partition("/")
    if slash and first in DOCKER_HUB_ALIASES:
        domain, path = default_registry, rest
    elif slash and ("." in first or ":" in first or first == "localhost"):
        domain, path = first, rest
    else:
        domain, path = default_registry, name
    if domain == default_registry and "/" not in path and namespace:
        path = f"{namespace}/{path}"
    return domain, path


def parse(ref: str, default_registry: str, namespace: str = "library", default_tag: bool = True) -> Reference:
    """Parse and normalise; InvalidReference (400) says what is wrong."""
    if not isinstance(ref, str) or not ref or ref != ref.strip():
        raise InvalidReference(f"invalid reference format: {ref!r}")
    name, at, digest = ref.partition("@")
    if at and not DIGEST_RE.match(digest):
        raise InvalidReference(f"invalid reference format: bad digest {digest!r} in {ref!r}")
    tag: str | None = None
    slash, colon = name.rfind("/"), name.rfind(":")
    if colon > slash:
        name, tag = name[:colon], check_tag(name[colon + 1 :])
    if not name:
        raise InvalidReference(f"invalid reference format: {ref!r}")
    domain, path = split_domain(name, default_registry, namespace)
    if path != path.lower():
        raise InvalidReference(f"invalid reference format: repository name must be lowercase: {ref!r}")
    if not DOMAIN_RE.match(domain):
        raise InvalidReference(f"invalid reference format: bad registry {domain!r} in {ref!r}")
    port = domain.rpartition(":")[2] if ":" in domain else ""
    if port and not 0 < int(port) < 65536:
        raise InvalidReference(f"invalid reference format: bad port {port!r} in {ref!r}")
    for comp in path.split("/"):
        if not PATH_COMPONENT_RE.match(comp):
            raise InvalidReference(f"invalid reference format: bad path component {comp!r} in {ref!r}")
    if len(f"{domain}/{path}") > MAX_NAME_LENGTH:
        raise InvalidReference(f"invalid reference format: repository name longer than {MAX_NAME_LENGTH}")
    if default_tag and tag is None and not at:
        tag = DEFAULT_TAG
    return Reference(domain, path, tag, digest or None)


def check_new_repository(ref: Reference, default_registry: str) -> Reference:
    """A name that is about to be given to an image must not read as an image ID: dockerd
    refuses a repository named after the digest algorithm and one of 64 hex digits."""
    familiar = ref.path.removeprefix("library/") if ref.domain == default_registry else ref.name
    if familiar == "sha256":
        raise InvalidReference("refusing to create an ambiguous tag using digest algorithm as name")
    if ID_RE.match(familiar):
        raise InvalidReference(f"invalid repository name ({familiar}), cannot specify 64-byte hexadecimal strings")
    return ref


def looks_like_id(ref: str) -> str | None:
    """The hex of a full image ID (``sha256:<64 hex>`` or bare 64 hex), else None."""
    m = ID_RE.match(ref)
    return m.group(1) if m else None


def match_wildcard(pattern: str, value: str) -> bool:
    """The ``reference`` filter of GET /images/json: path.Match-style ``*`` and ``?``."""
    regex = "".join("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value) is not None
