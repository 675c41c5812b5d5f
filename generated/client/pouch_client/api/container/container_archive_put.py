from http import HTTPStatus
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
    body: File | File | Unset = UNSET,
    path: str,
    no_overwrite_dir_non_dir: bool | Unset = UNSET,
    copy_uidgid: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["path"] = path

    params["noOverwriteDirNonDir"] = no_overwrite_dir_non_dir

    params["copyUIDGID"] = copy_uidgid

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/containers/{id}/archive".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/x-tar"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
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
    body: File | File | Unset = UNSET,
    path: str,
    no_overwrite_dir_non_dir: bool | Unset = UNSET,
    copy_uidgid: bool | Unset = UNSET,
) -> Response[Any | Error]:
    """Extract an archive of files or folders to a directory in a container

     The tar (plain or gzip) is unpacked into the directory `path`, as dockerd's docker cp writes it.

    Args:
        id (str):
        path (str):
        no_overwrite_dir_non_dir (bool | Unset):
        copy_uidgid (bool | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        path=path,
        no_overwrite_dir_non_dir=no_overwrite_dir_non_dir,
        copy_uidgid=copy_uidgid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    path: str,
    no_overwrite_dir_non_dir: bool | Unset = UNSET,
    copy_uidgid: bool | Unset = UNSET,
) -> Any | Error | None:
    """Extract an archive of files or folders to a directory in a container

     The tar (plain or gzip) is unpacked into the directory `path`, as dockerd's docker cp writes it.

    Args:
        id (str):
        path (str):
        no_overwrite_dir_non_dir (bool | Unset):
        copy_uidgid (bool | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        path=path,
        no_overwrite_dir_non_dir=no_overwrite_dir_non_dir,
        copy_uidgid=copy_uidgid,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    path: str,
    no_overwrite_dir_non_dir: bool | Unset = UNSET,
    copy_uidgid: bool | Unset = UNSET,
) -> Response[Any | Error]:
    """Extract an archive of files or folders to a directory in a container

     The tar (plain or gzip) is unpacked into the directory `path`, as dockerd's docker cp writes it.

    Args:
        id (str):
        path (str):
        no_overwrite_dir_non_dir (bool | Unset):
        copy_uidgid (bool | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        path=path,
        no_overwrite_dir_non_dir=no_overwrite_dir_non_dir,
        copy_uidgid=copy_uidgid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    path: str,
    no_overwrite_dir_non_dir: bool | Unset = UNSET,
    copy_uidgid: bool | Unset = UNSET,
) -> Any | Error | None:
    """Extract an archive of files or folders to a directory in a container

     The tar (plain or gzip) is unpacked into the directory `path`, as dockerd's docker cp writes it.

    Args:
        id (str):
        path (str):
        no_overwrite_dir_non_dir (bool | Unset):
        copy_uidgid (bool | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            path=path,
            no_overwrite_dir_non_dir=no_overwrite_dir_non_dir,
            copy_uidgid=copy_uidgid,
        )
    ).parsed
