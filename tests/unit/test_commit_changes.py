"""commit/import ``changes``: Dockerfile instructions applied to an image config as dockerd does."""

from __future__ import annotations

import pytest

from runtime.errors import InvalidParameter
from runtime.images.changes import apply_changes

BASE = {
    "Env": ["PATH=/usr/bin:/bin", "HOME=/root"],
    "Cmd": ["sh"],
    "Labels": {"keep": "1"},
    "WorkingDir": "/srv",
}


def test_the_docker_cli_example_sets_env_and_exec_form_cmd() -> None:
    out = apply_changes(BASE, ["ENV COMMITTED=1", 'CMD ["echo", "committed"]'])
    assert out["Env"] == ["PATH=/usr/bin:/bin", "HOME=/root", "COMMITTED=1"]
    assert out["Cmd"] == ["echo", "committed"]
    assert BASE["Cmd"] == ["sh"], "the input config is not modified"


def test_shell_form_and_shell_override() -> None:
    assert apply_changes({}, ["CMD echo $HOME && ls"])["Cmd"] == ["/bin/sh", "-c", "echo $HOME && ls"]
    out = apply_changes({"Shell": ["/bin/bash", "-xc"]}, ["ENTRYPOINT run me"])
    assert out["Entrypoint"] == ["/bin/bash", "-xc", "run me"]
    # a JSON-looking argument that is not an array of strings is shell form, as in dockerd
    assert apply_changes({}, ["CMD [1, 2]"])["Cmd"] == ["/bin/sh", "-c", "[1, 2]"]


def test_entrypoint_clears_cmd_unless_cmd_came_first() -> None:
    assert apply_changes(BASE, ['ENTRYPOINT ["/app"]'])["Cmd"] is None
    out = apply_changes(BASE, ['CMD ["x"]', 'ENTRYPOINT ["/app"]'])
    assert out["Cmd"] == ["x"] and out["Entrypoint"] == ["/app"]
    assert apply_changes({"Entrypoint": ["/a"]}, ["ENTRYPOINT []"])["Entrypoint"] is None


def test_env_forms_quotes_replacement_and_expansion() -> None:
    out = apply_changes(
        BASE,
        ['ENV A="hello world" B=two\\ words HOME=/home/u', "ENV LEGACY value with  spaces", "ENV C=${HOME}/x D=$NOPE"],
    )
    assert out["Env"] == [
        "PATH=/usr/bin:/bin",
        "HOME=/home/u",
        "A=hello world",
        "B=two words",
        "LEGACY=value with  spaces",
        "C=/home/u/x",
        "D=",
    ]
    out = apply_changes({"Env": ["X=1"]}, ["ENV Y=${X:-d} Z=${UNSET:-d} W=${X:+set} V='$X'"])
    assert out["Env"] == ["X=1", "Y=1", "Z=d", "W=set", "V=$X"]


def test_label_expose_user_volume_workdir() -> None:
    out = apply_changes(
        BASE,
        [
            'LABEL a=b "c d"="e f"',
            "EXPOSE 80 53/UDP 8000-8002",
            "USER nobody:nogroup",
            'VOLUME ["/data", "/logs"]',
            "VOLUME /cache /tmp/x",
            "WORKDIR app",
            "WORKDIR sub/..//deeper",
        ],
    )
    assert out["Labels"] == {"keep": "1", "a": "b", "c d": "e f"}
    assert out["ExposedPorts"] == {p: {} for p in ("80/tcp", "53/udp", "8000/tcp", "8001/tcp", "8002/tcp")}
    assert out["User"] == "nobody:nogroup"
    assert set(out["Volumes"]) == {"/data", "/logs", "/cache", "/tmp/x"}
    assert out["WorkingDir"] == "/srv/app/deeper"
    assert apply_changes(BASE, ["WORKDIR /abs"])["WorkingDir"] == "/abs"


def test_expose_splits_an_expanded_variable_into_ports() -> None:
    out = apply_changes({"Env": ["PORTS=80 443"]}, ["EXPOSE $PORTS"])
    assert set(out["ExposedPorts"]) == {"80/tcp", "443/tcp"}


def test_keywords_are_case_insensitive_and_continuations_join() -> None:
    out = apply_changes({}, ["env A=1 \\\n B=2", "# a comment", "", 'cmd ["a"]'])
    assert out["Env"] == ["A=1", "B=2"] and out["Cmd"] == ["a"]


def test_onbuild_keeps_the_trigger() -> None:
    assert apply_changes({}, ["ONBUILD RUN make"])["OnBuild"] == ["RUN make"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("RUN echo hi", "run is not a valid change command"),
        ("FROM busybox", "from is not a valid change command"),
        ("BOGUS x", "bogus is not a valid change command"),
        ("HEALTHCHECK CMD true", "HEALTHCHECK is not supported"),
        ("ENV A=1 B", "Syntax error - can't find = in 'B'"),
        ("ENV LONELY", "ENV must have two arguments"),
        ("ENV =x", "ENV names can not be blank"),
        ("USER a b", "USER requires exactly one argument"),
        ("WORKDIR", "WORKDIR requires at least one argument"),
        ("EXPOSE 80/xyz", "invalid proto: xyz"),
        ("EXPOSE http", "Invalid containerPort: http"),
        ("EXPOSE 90-80", "Invalid range"),
        ('VOLUME [""]', "VOLUME specified can not be an empty string"),
        ('ENV A="unterminated', "matching"),
        ("USER --flag=x", "Unknown flag: flag"),
        ("ONBUILD ONBUILD RUN x", "Chaining ONBUILD"),
    ],
)
def test_bad_changes_are_invalid_parameters(change: str, message: str) -> None:
    with pytest.raises(InvalidParameter) as e:
        apply_changes(BASE, [change])
    assert message in str(e.value)


def test_stopsignal_is_checked_and_kept_as_written() -> None:
    assert apply_changes({}, ["STOPSIGNAL SIGINT"])["StopSignal"] == "SIGINT"
    assert apply_changes({}, ["STOPSIGNAL 9"])["StopSignal"] == "9"
    assert apply_changes({"Env": ["S=TERM"]}, ["STOPSIGNAL SIG$S"])["StopSignal"] == "SIGTERM"
    for bad in ("STOPSIGNAL NOPE", "STOPSIGNAL 0", "STOPSIGNAL a b"):
        with pytest.raises(InvalidParameter):
            apply_changes({}, [bad])
