"""Object IDs and names, generated and validated as dockerd/pouchd do."""

from __future__ import annotations

import re
import secrets

from runtime.errors import InvalidParameter

NAME_RE = re.compile(r"^/?[a-zA-Z0-9_-]+\Z")  # the seed's rule for container names
ID_RE = re.compile(r"^[0-9a-f]{64}\Z")

_LEFT = (
    "admiring adoring agitated amazing angry awesome blissful bold boring brave busy charming clever cool "
    "compassionate competent confident cranky crazy dazzling determined distracted dreamy eager ecstatic "
    "elastic elated elegant eloquent epic fervent festive flamboyant focused friendly frosty gallant gifted "
    "goofy gracious happy hardcore heuristic hopeful hungry infallible inspiring jolly jovial keen kind "
    "laughing loving lucid magical modest musing mystifying naughty nervous nifty nostalgic objective "
    "optimistic peaceful pedantic pensive practical priceless quirky quizzical relaxed reverent romantic sad "
    "serene sharp silly sleepy stoic strange stupefied suspicious sweet tender thirsty trusting unruffled "
    "upbeat vibrant vigilant vigorous wizardly wonderful xenodochial youthful zealous zen"
).split()
_RIGHT = (
    "albattani allen almeida archimedes ardinghelli aryabhata austin babbage banach bardeen bartik bassi "
    "bell benz bhabha bhaskara blackwell bohr booth borg bose boyd brahmagupta brattain brown carson chandrasekhar "
    "clarke colden cori cray curie darwin davinci dijkstra dubinsky easley edison einstein elion engelbart "
    "euclid euler fermat fermi feynman franklin galileo gates goldberg goldstine goldwasser golick goodall "
    "hamilton hawking heisenberg hermann heyrovsky hodgkin hoover hopper hugle hypatia jackson jang jennings "
    "jepsen johnson joliot jones kalam kare keller kepler khorana kilby kirch knuth kowalevski lalande lamarr "
    "lamport leakey leavitt lewin lichterman liskov lovelace lumiere mahavira mayer mccarthy mcclintock "
    "mclean mcnulty meitner meninsky mestorf minsky mirzakhani morse murdock neumann newton nightingale "
    "nobel noether northcutt noyce panini pare pasteur payne perlman pike poincare poitras ptolemy raman "
    "ramanujan ride ritchie roentgen rosalind saha sammet shannon shaw shirley shockley sinoussi snyder "
    "spence stallman stonebraker swanson swartz swirles tesla thompson torvalds turing varahamihira "
    "visvesvaraya volhard wescoff wiles williams wilson wing wozniak wright yalow yonath"
).split()


def new_id() -> str:
    return secrets.token_hex(32)


def random_name() -> str:
    return f"{secrets.choice(_LEFT)}_{secrets.choice(_RIGHT)}"


def check_name(name: str, what: str = "container") -> str:
    """Validate a user-given object name; returns it without the leading slash."""
    if not NAME_RE.match(name) or len(name) > 255:
        raise InvalidParameter(f"Invalid {what} name ({name}), must match /?[a-zA-Z0-9_-]+")
    return name.lstrip("/")


def check_id(ident: str) -> str:
    if not ID_RE.match(ident):
        raise InvalidParameter(f"invalid ID {ident!r}: want 64 lowercase hex characters")
    return ident
