"""The ``changes`` of commit and import: Dockerfile instructions applied to an image config.

dockerd runs these through its Dockerfile builder (``BuildFromConfig``); this module reads
the same syntax and applies the same effects to the image config's ``config`` object:

- CMD / ENTRYPOINT: JSON (exec) form when the argument is a JSON array of strings, else
  shell form (``Shell`` or ``["/bin/sh", "-c"]`` + the text as written). ENTRYPOINT clears
  Cmd unless a CMD came earlier in the same list. No variable expansion (as dockerd).
- ENV / LABEL: ``k=v k2="v 2"`` pairs, or the legacy ``ENV k the rest``; an ENV of an
  existing key replaces it in place.
- EXPOSE (``80``, ``80/udp``, ``8000-8002``), USER, VOLUME (JSON array or words), WORKDIR
  (relative to the current one), ONBUILD (the trigger kept as text), STOPSIGNAL (a signal
  name or number, checked as dockerd's ``signal.ParseSignal`` checks it, kept as written).
- ENV, LABEL, EXPOSE, STOPSIGNAL, USER, VOLUME and WORKDIR expand ``$VAR``, ``${VAR}``,
  ``${VAR:-default}`` and ``${VAR:+alt}`` from the config's Env as it stands before the
  instruction; quotes and backslash escapes are removed as Dockerfile's shell lexer does.

Anything else (RUN, FROM, an unknown keyword, a flag, a malformed argument) is an
InvalidParameter, with dockerd's wording where it has one (``run is not a valid change command``).
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
import signal
from dataclasses import dataclass
from typing import Any

from runtime.errors import InvalidParameter

VALID = ("cmd", "entrypoint", "env", "expose", "label", "onbuild", "stopsignal", "user", "volume", "workdir")
# Instructions dockerd accepts in changes that this engine's image config cannot hold.
UNSUPPORTED = {"healthcheck": "HEALTHCHECK is not supported by this engine (its image config has no Healthcheck)"}
DEFAULT_SHELL = ["/bin/sh", "-c"]
ESCAPE = "\\"
_PORT = re.compile(r"^([0-9]+)(?:-([0-9]+))?$")
_PROTOS = ("tcp", "udp", "sctp")


@dataclass
class Instruction:
    keyword: str  # lower case, as dockerd names it in errors
    rest: str  # the argument text as written (continuations joined)
    original: str  # the whole logical line


def parse(changes: list[str]) -> list[Instruction]:
    """Split the change lines into instructions (continuations, comments, blank lines)."""
    text = "\n".join(changes)
    out: list[Instruction] = []
    pending = ""
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.endswith(ESCAPE) and not line.endswith(ESCAPE * 2):
            pending += line[:-1]
            continue
        pending += line
        out.append(_instruction(pending))
        pending = ""
    if pending.strip():
        out.append(_instruction(pending))
    return out


def _instruction(line: str) -> Instruction:
    stripped = line.strip()
    keyword, _, rest = stripped.partition(" ")
    if "\t" in keyword:
        keyword, _, more = keyword.partition("\t")
        rest = more + " " + rest
    kw = keyword.lower()
    if kw in UNSUPPORTED:
        raise InvalidParameter(UNSUPPORTED[kw])
    if kw not in VALID:
        raise InvalidParameter(f"{kw} is not a valid change command")
    rest = rest.strip()
    if rest.startswith("--"):
        flag = rest.split(None, 1)[0][2:].split("=", 1)[0]
        raise InvalidParameter(f"Unknown flag: {flag}")
    return Instruction(kw, rest, stripped)


def apply_changes(config: dict[str, Any] | None, changes: list[str] | None) -> dict[str, Any]:
    """A copy of ``config`` (an image config's ``config`` object) with ``changes`` applied."""
    out = copy.deepcopy(config) if config else {}
    cmd_set = False
    for ins in parse(changes or []):
        if not ins.rest and ins.keyword != "cmd" and ins.keyword != "entrypoint":
            raise InvalidParameter(f"{ins.keyword.upper()} requires at least one argument")
        handler = _HANDLERS[ins.keyword]
        if ins.keyword == "cmd":
            cmd_set = True
        handler(out, ins, cmd_set)
    return out


# -- shell words (Dockerfile's lexer, the parts changes use) ---------------------------------


def _env_map(config: dict[str, Any]) -> dict[str, str]:
    env: dict[str, str] = {}
    for entry in config.get("Env") or []:
        key, sep, value = str(entry).partition("=")
        if sep and key not in env:
            env[key] = value
    return env


def split_words(text: str) -> list[str]:
    """Whitespace-separated words, quotes and escapes kept (dockerd's parseWords)."""
    words: list[str] = []
    word = ""
    quote = ""
    escaped = False
    for ch in text:
        if escaped:
            word += ch
            escaped = False
            continue
        if ch == ESCAPE:
            word += ch
            escaped = True
            continue
        if quote:
            word += ch
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
            word += ch
            continue
        if ch.isspace():
            if word:
                words.append(word)
                word = ""
            continue
        word += ch
    if quote:
        raise InvalidParameter(f"unexpected end of statement while looking for matching {quote}")
    if word:
        words.append(word)
    return words


def expand(word: str, env: dict[str, str]) -> str:
    """Quote removal and variable expansion of one word (dockerd's ProcessWord)."""
    return _Lexer(word, env).word()


class _Lexer:
    def __init__(self, text: str, env: dict[str, str]) -> None:
        self.text = text
        self.pos = 0
        self.env = env

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _next(self) -> str:
        ch = self._peek()
        self.pos += 1
        return ch

    def word(self, stop: str = "") -> str:
        out = ""
        while self.pos < len(self.text):
            ch = self._peek()
            if stop and ch in stop:
                break
            self.pos += 1
            if ch == "'":
                end = self.text.find("'", self.pos)
                if end < 0:
                    raise InvalidParameter("unexpected end of statement while looking for matching '")
                out += self.text[self.pos : end]
                self.pos = end + 1
            elif ch == '"':
                out += self._double_quoted()
            elif ch == "$":
                out += self._dollar()
            elif ch == ESCAPE:
                out += self._next()
            else:
                out += ch
        return out

    def _double_quoted(self) -> str:
        out = ""
        while True:
            ch = self._next()
            if ch == "":
                raise InvalidParameter('unexpected end of statement while looking for matching "')
            if ch == '"':
                return out
            if ch == "$":
                out += self._dollar()
            elif ch == ESCAPE and self._peek() in ('"', "$", ESCAPE):
                out += self._next()
            else:
                out += ch

    def _dollar(self) -> str:
        ch = self._peek()
        if ch == "{":
            self.pos += 1
            name = self._name()
            if not name:
                raise InvalidParameter(f"bad substitution in {self.text!r}")
            ch = self._next()
            if ch == "}":
                return self.env.get(name, "")
            if ch == ":" and self._peek() in "-+":
                mod = self._next()
                word = self.word(stop="}")
                if self._next() != "}":
                    raise InvalidParameter(f"missing '}}' in {self.text!r}")
                value = self.env.get(name, "")
                if mod == "-":
                    return value or word
                return word if value else ""
            raise InvalidParameter(f"unsupported modifier ({ch}) in substitution of {name}")
        name = self._name()
        if not name:
            return "$"
        return self.env.get(name, "")

    def _name(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] == "_"):
            self.pos += 1
        return self.text[start : self.pos]


def _maybe_json(rest: str) -> list[str] | None:
    if not rest.startswith("["):
        return None
    try:
        value = json.loads(rest)
    except ValueError:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _pairs(ins: Instruction, env: dict[str, str]) -> list[tuple[str, str]]:
    words = split_words(ins.rest)
    name = ins.keyword.upper()
    if words and "=" not in words[0]:
        value = ins.rest[len(words[0]) :].strip()
        if not value:
            raise InvalidParameter(f"{name} must have two arguments")
        return [(expand(words[0], env), expand(value, env))]
    out = []
    for word in words:
        if "=" not in word:
            raise InvalidParameter(f"Syntax error - can't find = in {word!r}. Must be of the form: name=value")
        key, _, value = word.partition("=")
        if not key:
            raise InvalidParameter(f"{name} names can not be blank")
        out.append((expand(key, env), expand(value, env)))
    return out


# -- the instructions -----------------------------------------------------------------------


def _cmd_line(config: dict[str, Any], rest: str) -> list[str]:
    exec_form = _maybe_json(rest)
    if exec_form is not None:
        return exec_form
    return [*(config.get("Shell") or DEFAULT_SHELL), rest]


def _cmd(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    config["Cmd"] = _cmd_line(config, ins.rest)


def _entrypoint(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    exec_form = _maybe_json(ins.rest)
    if exec_form is not None:
        config["Entrypoint"] = exec_form or None
    elif not ins.rest.strip():
        config["Entrypoint"] = None
    else:
        config["Entrypoint"] = _cmd_line(config, ins.rest)
    if not cmd_set:
        config["Cmd"] = None


def _env(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    env = list(config.get("Env") or [])
    for key, value in _pairs(ins, _env_map(config)):
        entry = f"{key}={value}"
        for i, existing in enumerate(env):
            if str(existing).partition("=")[0] == key:
                env[i] = entry
                break
        else:
            env.append(entry)
    config["Env"] = env


def _label(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    labels = dict(config.get("Labels") or {})
    for key, value in _pairs(ins, _env_map(config)):
        labels[key] = value
    config["Labels"] = labels


def _expose(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    env = _env_map(config)
    ports = dict(config.get("ExposedPorts") or {})
    for word in split_words(ins.rest):
        for spec in expand(word, env).split():  # EXPOSE alone splits an expansion into words
            for port in _port_spec(spec):
                ports[port] = {}
    config["ExposedPorts"] = ports


def _port_spec(spec: str) -> list[str]:
    port, _, proto = spec.partition("/")
    proto = (proto or "tcp").lower()
    if proto not in _PROTOS:
        raise InvalidParameter(f"invalid proto: {proto}")
    port = port.rsplit(":", 1)[-1]  # ip:hostPort:containerPort publishes; EXPOSE keeps the container port
    m = _PORT.match(port)
    if not m:
        raise InvalidParameter(f"Invalid containerPort: {port}")
    start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    if end < start or not 0 < start <= 65535 or end > 65535:
        raise InvalidParameter(f"Invalid range specified for the Port: {port}")
    return [f"{p}/{proto}" for p in range(start, end + 1)]


def _single(ins: Instruction, config: dict[str, Any]) -> str:
    words = split_words(ins.rest)
    if len(words) != 1:
        raise InvalidParameter(f"{ins.keyword.upper()} requires exactly one argument")
    return expand(words[0], _env_map(config))


def _user(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    config["User"] = _single(ins, config)


def _workdir(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    path = _single(ins, config)
    if not path.startswith("/"):
        path = posixpath.join("/", config.get("WorkingDir") or "", path)
        path = posixpath.normpath(path)
    config["WorkingDir"] = path


def _volume(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    env = _env_map(config)
    listed = _maybe_json(ins.rest)
    paths = [expand(p, env) for p in listed] if listed is not None else [expand(w, env) for w in split_words(ins.rest)]
    volumes = dict(config.get("Volumes") or {})
    for path in paths:
        if not path.strip():
            raise InvalidParameter("VOLUME specified can not be an empty string")
        volumes[path] = {}
    config["Volumes"] = volumes


def _stopsignal(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    sig = _single(ins, config)
    name = sig.upper()
    name = name[3:] if name.startswith("SIG") else name
    if sig.isdigit():
        ok = 0 < int(sig) <= int(signal.SIGRTMAX)
    else:
        ok = name in _SIGNAL_NAMES or bool(re.fullmatch(r"RTMIN\+[0-9]+|RTMAX-[0-9]+", name))
    if not ok:
        raise InvalidParameter(f"Invalid signal: {sig}")
    config["StopSignal"] = sig


_SIGNAL_NAMES = {n[3:] for n in signal.Signals.__members__ if n.startswith("SIG") and not n.startswith("SIG_")}
_NOT_TRIGGERS = ("onbuild", "from", "maintainer")


def _onbuild(config: dict[str, Any], ins: Instruction, cmd_set: bool) -> None:
    trigger = ins.rest.split(None, 1)[0].lower()
    if trigger == "onbuild":
        raise InvalidParameter("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
    if trigger in _NOT_TRIGGERS:
        raise InvalidParameter(f"{trigger.upper()} isn't allowed as an ONBUILD trigger")
    config["OnBuild"] = [*(config.get("OnBuild") or []), ins.rest]


_HANDLERS = {
    "cmd": _cmd,
    "entrypoint": _entrypoint,
    "env": _env,
    "label": _label,
    "expose": _expose,
    "user": _user,
    "workdir": _workdir,
    "volume": _volume,
    "onbuild": _onbuild,
    "stopsignal": _stopsignal,
}
