"""An audience draft and its validation: pure and instant, shared by the form, the CLI and batches."""

from __future__ import annotations

from dataclasses import dataclass

from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import Message, join, msg
from audience_desktop.core.text import describe_char, first_control_char

# Adobe documents no limits; these keep a slip of the clipboard from reaching the API and
# are far above any name a person types. Change them here, and only here.
MAX_LENGTHS = {"name": 256, "description": 4000, "namespace": 256, "originName": 256}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, as a message the front end renders."""

    field: str
    message: Message

    def labelled(self) -> Message:
        """'Name: This field is required.'"""
        return msg("field.problem", field=msg(f"field.{self.field}"), problem=self.message)


class DraftInvalid(AppError, ValueError):
    """Raised when a draft cannot be sent; carries every field's problem at once."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].labelled(), kind=ErrorKind.CONFIG)
        self.errors = errors

    def summary(self) -> str:
        return join(*(error.labelled() for error in self.errors))


@dataclass(frozen=True)
class AudienceDraft:
    """What the user asks to create. Values are kept as typed; ``cleaned()`` trims them."""

    name: str
    namespace: str
    origin_name: str
    description: str = ""

    def cleaned(self) -> AudienceDraft:
        """Trim surrounding whitespace, which nobody means to send."""
        return AudienceDraft(
            name=self.name.strip(),
            namespace=self.namespace.strip(),
            origin_name=self.origin_name.strip(),
            description=self.description.strip(),
        )

    def values(self) -> dict[str, str]:
        """The fields under their API names."""
        return {
            "name": self.name,
            "description": self.description,
            "namespace": self.namespace,
            "originName": self.origin_name,
        }

    def errors(self) -> list[FieldError]:
        """Every problem, per field, in form order; empty when the draft can be sent."""
        problems: list[FieldError] = []
        for key, value in self.values().items():
            message = _field_problem(key, value)
            if message:
                problems.append(FieldError(key, message))
        return problems

    def validated(self) -> AudienceDraft:
        """The cleaned draft, or DraftInvalid listing every problem."""
        problems = self.errors()
        if problems:
            raise DraftInvalid(problems)
        return self.cleaned()

    def body(self) -> dict[str, str]:
        """The JSON body: only the fields the user set (description is optional)."""
        return {key: value for key, value in self.values().items() if value}


def _field_problem(key: str, value: str) -> Message | None:
    stripped = value.strip()
    if key != "description" and not stripped:
        return msg("field.required") if not value else msg("field.only_spaces")
    bad = first_control_char(stripped, allowed="\n\t" if key == "description" else "")
    if bad is not None:
        return msg("field.control_char", char=describe_char(bad))
    limit = MAX_LENGTHS[key]
    if len(stripped) > limit:
        return msg("field.too_long", length=len(stripped), limit=limit)
    return None
