"""Plans built and written without pydantic's compiled validators.

The parser derives every value itself, so it builds its models with
:func:`trusted` (pydantic's ``model_construct``, without its per-field alias
handling) and the CLI writes them from :func:`plan_data`.  Neither builds the
models' validators or serializers, which would cost a one-page run some 50 ms
(see :mod:`wpclean.schemas.models`).  tests/test_render.py checks that parsed
plans validate and that their JSON is pydantic's own.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from functools import cache, partial
from typing import TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

_M = TypeVar("_M", bound=BaseModel)


def trusted(model: type[_M], **values: object) -> _M:
    """``model.model_construct(**values)`` for values wpclean derived itself.

    Given every field, the instance is made directly (a fifth of
    ``model_construct``'s time; values given in another order are put in the
    model's order first), and all instances of a model share one set of
    fields given (``model_fields_set``): a plan of 10,000 sections would
    otherwise carry 10,000 sets, its largest part.  Fields left out take their
    defaults (a default factory is called each time, as pydantic does;
    ``model_construct`` would inspect each factory's signature on every call,
    some 250 µs a field); a call that leaves out a field without a default is
    ``model_construct``'s.

    >>> from wpclean.schemas import ToolInfo
    >>> tool = trusted(ToolInfo, version="1", convert="t2s")
    >>> tool, tool.model_fields_set == {"version", "convert"}
    (ToolInfo(version='1', convert='t2s'), True)
    >>> trusted(ToolInfo, convert="t2s", version="1").__dict__ == tool.__dict__  # any order, the fast path
    True
    >>> from wpclean.schemas import Stats
    >>> trusted(Stats, chrome_dropped=2).__dict__ == Stats(chrome_dropped=2).__dict__  # the others' defaults
    True
    """
    names = _field_names(model)
    given = tuple(values)
    if given != names and given == names[: len(given)] and len(given) >= _first_defaulted(model):
        for name in names[len(given) :]:  # the leading fields, in order: the rest take their defaults
            values[name] = _defaults(model)[name]()
    elif given != names:
        if not _all_fields(model).issuperset(values):
            return model.model_construct(_all_fields(model), **values)
        if len(values) != len(names):
            defaults = _defaults(model)
            if not defaults.keys() >= _all_fields(model).difference(values):
                return model.model_construct(_all_fields(model), **values)
            values = {name: values[name] if name in values else defaults[name]() for name in names}
        else:
            values = {name: values[name] for name in names}
    return trusted_in_order(model, values)


def trusted_in_order(model: type[_M], values: dict[str, object]) -> _M:
    """:func:`trusted` for ``values`` that hold every field, in the model's
    order: the instance made at once, without the tests of which fields were
    given (for a model made many times a page).

    >>> from wpclean.schemas import ToolInfo
    >>> trusted_in_order(ToolInfo, {"version": "1", "convert": "t2s"}) == trusted(ToolInfo, version="1", convert="t2s")
    True
    """
    instance = _new(model)
    _set_dict(instance, values)
    _set_fields_set(instance, _all_fields(model))
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


_new = object.__new__  # what BaseModel.__new__ is
# the slots' own setters (the models are frozen), bound once: object.__setattr__ would look each one up on every call
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


@cache
def _first_defaulted(model: type[BaseModel]) -> int:
    """How many leading fields a call must give for all the others to have defaults."""
    defaults = _defaults(model)
    names = _field_names(model)
    return next((at for at in range(len(names) + 1) if all(name in defaults for name in names[at:])), len(names))


@cache
def _defaults(model: type[BaseModel]) -> dict[str, Callable[[], object]]:
    """Each field that has a default, and how to make it: its default factory, or one returning the default."""
    made: dict[str, Callable[[], object]] = {}
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            made[name] = field.default_factory  # type: ignore[assignment]  # wpclean's factories take no argument
        elif field.default is not PydanticUndefined:
            made[name] = partial(_same, field.default)
    return made


def _same(value: object) -> object:
    return value


@cache
def _all_fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def plan_data(model: BaseModel) -> dict[str, object]:
    """A model tree as plain dicts and lists, in field order: what
    ``model_dump()`` gives for these models, without building pydantic's
    serializer.  Shallow where nothing is converted: lists of plain values and
    empty lists are the models' own (read it, do not change it).

    >>> from wpclean.schemas import Item, Section
    >>> item = Item(marker="一是", number=1, lead="甲", text="甲。")
    >>> plan_data(Section(marker="一、", number=1, level=1, heading="总", intro="", items=[item]))["items"][0]["text"]
    '甲。'
    """
    data = model.__dict__.copy()
    for name in _nested_fields(type(model)):
        value = data[name]
        if isinstance(value, list):
            if value:  # an empty list stays the model's own, as every list of plain values does
                data[name] = [plan_data(element) for element in value]
        elif value is not None:
            data[name] = plan_data(value)
    return data


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold models or lists of them."""
    return tuple(name for name, field in model.model_fields.items() if _holds_model(field.annotation))


def _holds_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(argument) for argument in typing.get_args(annotation))
