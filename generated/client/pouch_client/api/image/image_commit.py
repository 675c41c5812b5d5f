from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.container_commit_options import ContainerCommitOptions
from ...models.container_commit_resp import ContainerCommitResp
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ContainerCommitOptions | Unset = UNSET,
    container: str,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    comment: str | Unset = UNSET,
    author: str | Unset = UNSET,
    pause: bool | Unset = True,
    changes: list[str] | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["container"] = container

    params["repo"] = repo

    params["tag"] = tag

    params["comment"] = comment

    params["author"] = author

    params["pause"] = pause

    json_changes: list[str] | Unset = UNSET
    if not isinstance(changes, Unset):
        json_changes = changes

    params["changes"] = json_changes

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/commit",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContainerCommitResp | Error | None:
    if response.status_code == 201:
        response_201 = ContainerCommitResp.from_dict(response.json())

        return response_201

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ContainerCommitResp | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContainerCommitOptions | Unset = UNSET,
    container: str,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    comment: str | Unset = UNSET,
    author: str | Unset = UNSET,
    pause: bool | Unset = True,
    changes: list[str] | Unset = UNSET,
) -> Response[ContainerCommitResp | Error]:
    """Create an image from a container

    Args:
        container (str):
        repo (str | Unset):
        tag (str | Unset):
        comment (str | Unset):
        author (str | Unset):
        pause (bool | Unset):  Default: True.
        changes (list[str] | Unset):
        body (ContainerCommitOptions | Unset): options of committing a container into an image

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContainerCommitResp | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        container=container,
        repo=repo,
        tag=tag,
        comment=comment,
        author=author,
        pause=pause,
        changes=changes,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ContainerCommitOptions | Unset = UNSET,
    container: str,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    comment: str | Unset = UNSET,
    author: str | Unset = UNSET,
    pause: bool | Unset = True,
    changes: list[str] | Unset = UNSET,
) -> ContainerCommitResp | Error | None:
    """Create an image from a container

    Args:
        container (str):
        repo (str | Unset):
        tag (str | Unset):
        comment (str | Unset):
        author (str | Unset):
        pause (bool | Unset):  Default: True.
        changes (list[str] | Unset):
        body (ContainerCommitOptions | Unset): options of committing a container into an image

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContainerCommitResp | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        container=container,
        repo=repo,
        tag=tag,
        comment=comment,
        author=author,
        pause=pause,
        changes=changes,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContainerCommitOptions | Unset = UNSET,
    container: str,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    comment: str | Unset = UNSET,
    author: str | Unset = UNSET,
    pause: bool | Unset = True,
    changes: list[str] | Unset = UNSET,
) -> Response[ContainerCommitResp | Error]:
    """Create an image from a container

    Args:
        container (str):
        repo (str | Unset):
        tag (str | Unset):
        comment (str | Unset):
        author (str | Unset):
        pause (bool | Unset):  Default: True.
        changes (list[str] | Unset):
        body (ContainerCommitOptions | Unset): options of committing a container into an image

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContainerCommitResp | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        container=container,
        repo=repo,
        tag=tag,
        comment=comment,
        author=author,
        pause=pause,
        changes=changes,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ContainerCommitOptions | Unset = UNSET,
    container: str,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    comment: str | Unset = UNSET,
    author: str | Unset = UNSET,
    pause: bool | Unset = True,
    changes: list[str] | Unset = UNSET,
) -> ContainerCommitResp | Error | None:
    """Create an image from a container

    Args:
        container (str):
        repo (str | Unset):
        tag (str | Unset):
        comment (str | Unset):
        author (str | Unset):
        pause (bool | Unset):  Default: True.
        changes (list[str] | Unset):
        body (ContainerCommitOptions | Unset): options of committing a container into an image

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContainerCommitResp | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            container=container,
            repo=repo,
            tag=tag,
            comment=comment,
            author=author,
            pause=pause,
            changes=changes,
        )
    ).parsed
