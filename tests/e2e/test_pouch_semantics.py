"""Where the seed and pouchd agree and dockerd differs, a Pouch client sees pouchd's answer:
names without a leading "/", a container stopped through the API is "stopped", logs of a
log-driver-"none" container are refused, a missing container's logs are a 404, a tag may not
read as an image ID, and the list's reference filter narrows the names it shows."""

from __future__ import annotations

import json
import time

import httpx
import pytest

pytestmark = pytest.mark.usefixtures("busybox_loaded")



def create(client: httpx.Client, name: str, cmd: list[str], **host: object) -> str:
    r = client.post("/containers/create", params={"name": name},
                    json={"Image": "busybox", "Cmd": cmd, "HostConfig": {"NetworkMode": "none", **host}})
    assert r.status_code == 201, r.text
    return str(r.json()["Id"])


def wait_status(client: httpx.Client, ref: str, status: str) -> dict:
    deadline = time.monotonic() + 20
    while True:
        state = client.get(f"/containers/{ref}/json").json()["State"]
        if state["Status"] == status or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


def test_names_carry_no_leading_slash(client: httpx.Client, names: list[str]) -> None:
    names.append("sem-name")
    cid = create(client, "sem-name", ["true"])
    assert client.get("/containers/sem-name/json").json()["Name"] == "sem-name"
    listed = {c["Id"]: c for c in client.get("/containers/json", params={"all": 1}).json()}
    assert listed[cid]["Names"] == ["sem-name"]


def test_stopped_through_the_api_is_stopped_and_an_own_exit_is_exited(client: httpx.Client, names: list[str]) -> None:
    names += ["sem-stop", "sem-exit"]
    create(client, "sem-stop", ["sleep", "60"])
    create(client, "sem-exit", ["sh", "-c", "exit 3"])
    assert client.post("/containers/sem-stop/start").status_code == 204
    assert client.post("/containers/sem-exit/start").status_code == 204
    assert client.post("/containers/sem-stop/stop", params={"t": 1}).status_code == 204
    stopped = client.get("/containers/sem-stop/json").json()["State"]
    assert stopped["Status"] == "stopped" and stopped["Exited"] is False and not stopped["Running"]
    exited = wait_status(client, "sem-exit", "exited")
    assert exited["Status"] == "exited" and exited["Exited"] is True and exited["ExitCode"] == 3

    def listed(status: str) -> set[str]:
        r = client.get("/containers/json", params={"all": 1, "filters": json.dumps({"status": [status]})})
        return {c["Names"][0] for c in r.json()}

    assert "sem-stop" in listed("stopped") and "sem-stop" not in listed("exited")
    assert "sem-exit" in listed("exited") and "sem-exit" not in listed("stopped")


def test_logs_of_a_missing_container_are_a_404(client: httpx.Client) -> None:
    r = client.get("/containers/sem-nosuch/logs")  # no stream chosen either: the lookup comes first
    assert r.status_code == 404 and "No such container" in r.json()["message"]
    r = client.get("/containers/sem-nosuch/logs", params={"stdout": 1})
    assert r.status_code == 404


def test_log_driver_none_keeps_no_logs_and_refuses_reading_them(client: httpx.Client, names: list[str]) -> None:
    names.append("sem-nolog")
    cid = create(client, "sem-nolog", ["echo", "hello"], LogConfig={"Type": "none"})
    assert client.post("/containers/sem-nolog/start").status_code == 204
    assert client.post("/containers/sem-nolog/wait").json()["StatusCode"] == 0
    r = client.get("/containers/sem-nolog/logs", params={"stdout": 1})
    assert r.status_code == 400 and "none" in r.json()["message"]
    info = client.get(f"/containers/{cid}/json").json()
    assert info["HostConfig"]["LogConfig"]["Type"] == "none"


def test_an_empty_log_driver_is_the_default_and_reported_so(client: httpx.Client, names: list[str]) -> None:
    names.append("sem-deflog")
    create(client, "sem-deflog", ["true"], LogConfig={"Type": "", "Config": {}})
    assert client.get("/containers/sem-deflog/json").json()["HostConfig"]["LogConfig"]["Type"] == "json-file"


@pytest.mark.parametrize("repo", ["sha256", "a" * 64, "sha256:" + "b" * 64])
def test_a_tag_that_reads_as_an_image_id_is_refused(client: httpx.Client, repo: str) -> None:
    r = client.post("/images/busybox/tag", params={"repo": repo})
    assert r.status_code == 400, r.text
    names = {t for i in client.get("/images/json").json() for t in i["RepoTags"] or []}
    assert not any("sha256" in n or "a" * 64 in n for n in names)


def test_reference_filter_lists_only_the_matching_names(client: httpx.Client) -> None:
    for tag in ("ref-a:1", "ref-a:2", "ref-b:1"):
        repo, t = tag.split(":")
        assert client.post("/images/busybox/tag", params={"repo": repo, "tag": t}).status_code == 201
    try:
        r = client.get("/images/json", params={"filters": json.dumps({"reference": ["ref-a"]}), "digests": 1})
        assert r.status_code == 200
        (image,) = r.json()
        assert sorted(image["RepoTags"]) == ["registry.hub.docker.com/library/ref-a:1",
                                             "registry.hub.docker.com/library/ref-a:2"]
        r = client.get("/images/json", params={"filters": json.dumps({"reference": ["ref-b:*"]})})
        assert [i["RepoTags"] for i in r.json()] == [["registry.hub.docker.com/library/ref-b:1"]]
    finally:
        for tag in ("ref-a:1", "ref-a:2", "ref-b:1"):
            client.delete(f"/images/{tag}")
