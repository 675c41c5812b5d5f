from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import File, Response


def _get_kwargs(
    imageid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/images/{imageid}/get".format(
            imageid=quote(str(imageid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    imageid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | File]:
    """Export an image

     A tar of the image (docker-archive `manifest.json` and `repositories`, and an OCI
    layout), as `docker save` writes it; `docker load` reads it back. A name keeps its tag
    in the archive, an ID does not (as dockerd).

    Args:
        imageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        imageid=imageid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    imageid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | File | None:
    """Export an image

     A tar of the image (docker-archive `manifest.json` and `repositories`, and an OCI
    layout), as `docker save` writes it; `docker load` reads it back. A name keeps its tag
    in the archive, an ID does not (as dockerd).

    Args:
        imageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        imageid=imageid,
        client=client,
    ).parsed


async def asyncio_detailed(
    imageid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | File]:
    """Export an image

     A tar of the image (docker-archive `manifest.json` and `repositories`, and an OCI
    layout), as `docker save` writes it; `docker load` reads it back. A name keeps its tag
    in the archive, an ID does not (as dockerd).

    Args:
        imageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        imageid=imageid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    imageid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | File | None:
    """Export an image

     A tar of the image (docker-archive `manifest.json` and `repositories`, and an OCI
    layout), as `docker save` writes it; `docker load` reads it back. A name keeps its tag
    in the archive, an ID does not (as dockerd).

    Args:
        imageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            imageid=imageid,
            client=client,
        )
    ).parsed
