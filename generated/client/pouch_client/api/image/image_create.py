from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File | File | Unset = UNSET,
    from_image: str | Unset = UNSET,
    from_src: str | Unset = UNSET,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    changes: list[str] | Unset = UNSET,
    x_registry_auth: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_registry_auth, Unset):
        headers["X-Registry-Auth"] = x_registry_auth

    params: dict[str, Any] = {}

    params["fromImage"] = from_image

    params["fromSrc"] = from_src

    params["repo"] = repo

    params["tag"] = tag

    json_changes: list[str] | Unset = UNSET
    if not isinstance(changes, Unset):
        json_changes = changes

    params["changes"] = json_changes

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/images/create",
        "params": params,
    }

    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/x-tar"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    from_image: str | Unset = UNSET,
    from_src: str | Unset = UNSET,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    changes: list[str] | Unset = UNSET,
    x_registry_auth: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Create an image by pulling from a registry or importing from an existing source file

    Args:
        from_image (str | Unset):
        from_src (str | Unset):
        repo (str | Unset):
        tag (str | Unset):
        changes (list[str] | Unset):
        x_registry_auth (str | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        from_image=from_image,
        from_src=from_src,
        repo=repo,
        tag=tag,
        changes=changes,
        x_registry_auth=x_registry_auth,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    from_image: str | Unset = UNSET,
    from_src: str | Unset = UNSET,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    changes: list[str] | Unset = UNSET,
    x_registry_auth: str | Unset = UNSET,
) -> Any | Error | None:
    """Create an image by pulling from a registry or importing from an existing source file

    Args:
        from_image (str | Unset):
        from_src (str | Unset):
        repo (str | Unset):
        tag (str | Unset):
        changes (list[str] | Unset):
        x_registry_auth (str | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        from_image=from_image,
        from_src=from_src,
        repo=repo,
        tag=tag,
        changes=changes,
        x_registry_auth=x_registry_auth,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    from_image: str | Unset = UNSET,
    from_src: str | Unset = UNSET,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    changes: list[str] | Unset = UNSET,
    x_registry_auth: str | Unset = UNSET,
) -> Response[Any | Error]:
    """Create an image by pulling from a registry or importing from an existing source file

    Args:
        from_image (str | Unset):
        from_src (str | Unset):
        repo (str | Unset):
        tag (str | Unset):
        changes (list[str] | Unset):
        x_registry_auth (str | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        from_image=from_image,
        from_src=from_src,
        repo=repo,
        tag=tag,
        changes=changes,
        x_registry_auth=x_registry_auth,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | Unset = UNSET,
    from_image: str | Unset = UNSET,
    from_src: str | Unset = UNSET,
    repo: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    changes: list[str] | Unset = UNSET,
    x_registry_auth: str | Unset = UNSET,
) -> Any | Error | None:
    """Create an image by pulling from a registry or importing from an existing source file

    Args:
        from_image (str | Unset):
        from_src (str | Unset):
        repo (str | Unset):
        tag (str | Unset):
        changes (list[str] | Unset):
        x_registry_auth (str | Unset):
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
            client=client,
            body=body,
            from_image=from_image,
            from_src=from_src,
            repo=repo,
            tag=tag,
            changes=changes,
            x_registry_auth=x_registry_auth,
        )
    ).parsed
