from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    follow: bool | Unset = False,
    since: str | Unset = UNSET,
    stderr: bool | Unset = False,
    stdout: bool | Unset = False,
    tail: str | Unset = "all",
    timestamps: bool | Unset = False,
    until: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["follow"] = follow

    params["since"] = since

    params["stderr"] = stderr

    params["stdout"] = stdout

    params["tail"] = tail

    params["timestamps"] = timestamps

    params["until"] = until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/containers/{id}/logs".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | str | None:
    if response.status_code == 101:
        response_101 = File(payload=BytesIO(response.content))

        return response_101

    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = False,
    since: str | Unset = UNSET,
    stderr: bool | Unset = False,
    stdout: bool | Unset = False,
    tail: str | Unset = "all",
    timestamps: bool | Unset = False,
    until: str | Unset = UNSET,
) -> Response[Error | File | str]:
    """Get container logs

     Get `stdout` and `stderr` logs from a container.

    Note: This endpoint works only for containers with the `json-file` or `journald` logging driver.

    Args:
        id (str):
        follow (bool | Unset):  Default: False.
        since (str | Unset):
        stderr (bool | Unset):  Default: False.
        stdout (bool | Unset):  Default: False.
        tail (str | Unset):  Default: 'all'.
        timestamps (bool | Unset):  Default: False.
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File | str]
    """

    kwargs = _get_kwargs(
        id=id,
        follow=follow,
        since=since,
        stderr=stderr,
        stdout=stdout,
        tail=tail,
        timestamps=timestamps,
        until=until,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = False,
    since: str | Unset = UNSET,
    stderr: bool | Unset = False,
    stdout: bool | Unset = False,
    tail: str | Unset = "all",
    timestamps: bool | Unset = False,
    until: str | Unset = UNSET,
) -> Error | File | str | None:
    """Get container logs

     Get `stdout` and `stderr` logs from a container.

    Note: This endpoint works only for containers with the `json-file` or `journald` logging driver.

    Args:
        id (str):
        follow (bool | Unset):  Default: False.
        since (str | Unset):
        stderr (bool | Unset):  Default: False.
        stdout (bool | Unset):  Default: False.
        tail (str | Unset):  Default: 'all'.
        timestamps (bool | Unset):  Default: False.
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File | str
    """

    return sync_detailed(
        id=id,
        client=client,
        follow=follow,
        since=since,
        stderr=stderr,
        stdout=stdout,
        tail=tail,
        timestamps=timestamps,
        until=until,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = False,
    since: str | Unset = UNSET,
    stderr: bool | Unset = False,
    stdout: bool | Unset = False,
    tail: str | Unset = "all",
    timestamps: bool | Unset = False,
    until: str | Unset = UNSET,
) -> Response[Error | File | str]:
    """Get container logs

     Get `stdout` and `stderr` logs from a container.

    Note: This endpoint works only for containers with the `json-file` or `journald` logging driver.

    Args:
        id (str):
        follow (bool | Unset):  Default: False.
        since (str | Unset):
        stderr (bool | Unset):  Default: False.
        stdout (bool | Unset):  Default: False.
        tail (str | Unset):  Default: 'all'.
        timestamps (bool | Unset):  Default: False.
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File | str]
    """

    kwargs = _get_kwargs(
        id=id,
        follow=follow,
        since=since,
        stderr=stderr,
        stdout=stdout,
        tail=tail,
        timestamps=timestamps,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = False,
    since: str | Unset = UNSET,
    stderr: bool | Unset = False,
    stdout: bool | Unset = False,
    tail: str | Unset = "all",
    timestamps: bool | Unset = False,
    until: str | Unset = UNSET,
) -> Error | File | str | None:
    """Get container logs

     Get `stdout` and `stderr` logs from a container.

    Note: This endpoint works only for containers with the `json-file` or `journald` logging driver.

    Args:
        id (str):
        follow (bool | Unset):  Default: False.
        since (str | Unset):
        stderr (bool | Unset):  Default: False.
        stdout (bool | Unset):  Default: False.
        tail (str | Unset):  Default: 'all'.
        timestamps (bool | Unset):  Default: False.
        until (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File | str
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            follow=follow,
            since=since,
            stderr=stderr,
            stdout=stdout,
            tail=tail,
            timestamps=timestamps,
            until=until,
        )
    ).parsed
