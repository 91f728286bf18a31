"""Pydantic request and response models of the HTTP API.

The matching models copy the wire shapes of OpenSanctions' yente (``yente.data.common``) so
an existing yente client works unchanged; the run and triage models are cordon's own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# --- yente-compatible shapes -------------------------------------------------------------

EntityProperties = dict[str, list[Any]]  # values are strings, or nested entities (dicts)


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body: ``{"detail": ...}``, like FastAPI and yente."""

    detail: Any = Field(..., examples=["No such dataset."])


class StatusResponse(BaseModel):
    """Health check answer."""

    status: str = "ok"


class TotalSpec(BaseModel):
    """Result count in Elasticsearch style, as yente returns it."""

    value: int = Field(..., examples=[3])
    relation: str = Field("eq", examples=["eq"])


class EntityResponse(BaseModel):
    """A listed entity in FollowTheMoney form."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["us_ofac_sdn-12345"])
    caption: str = Field(..., examples=["CONCERN ALMAZ-ANTEY"])
    schema_: str = Field(..., alias="schema", examples=["Company"])
    properties: EntityProperties = Field(..., examples=[{"name": ["CONCERN ALMAZ-ANTEY"]}])
    datasets: list[str] = Field(default_factory=list, examples=[["us_ofac_sdn"]])
    referents: list[str] = Field(default_factory=list, examples=[["12345"]])
    target: bool = True
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


class FeatureResult(BaseModel):
    """One explained feature of a score (nomenklatura's ``FeatureResult``)."""

    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None


class ScoredEntityResponse(EntityResponse):
    """A match candidate: the entity plus its score, match flag and features."""

    score: float = Field(..., examples=[0.97])
    match: bool = Field(..., description="Whether the score is at or above the threshold.")
    features: dict[str, float] = Field(
        default_factory=dict, description="Feature values (yente 3.x/4.x shape)."
    )
    explanations: dict[str, FeatureResult] = Field(
        default_factory=dict, description="Features with their details (yente 5 shape)."
    )


class EntityExample(BaseModel):
    """A query entity: a FollowTheMoney schema and properties, as yente accepts it."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, max_length=200, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", max_length=64, examples=["Company"])
    properties: dict[str, str | list[Any]] = Field(
        ..., examples=[{"name": ["JSC Concern Almaz-Antey"], "country": ["ru"]}]
    )


class EntityMatchQuery(BaseModel):
    """Body of ``POST /match/{dataset}``: named query entities (weights/config accepted)."""

    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    queries: dict[str, EntityExample]


class EntityMatches(BaseModel):
    """The answer to one named query of a batch."""

    status: int = Field(200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    """Documentation of one matching feature."""

    description: str | None = None
    coefficient: float = 0.0
    url: str = ""


class AlgorithmDoc(BaseModel):
    """The algorithm that actually scored a request, and the name the caller asked for."""

    name: str = Field(..., examples=["cordon-v1"])
    requested: str = Field(..., examples=["logic-v1"])
    description: str | None = None
    threshold: float = Field(..., description="The threshold used for the match flag.")
    features: dict[str, FeatureDoc] = Field(default_factory=dict)


class EntityMatchResponse(BaseModel):
    """Body of the ``/match`` answer: one ``EntityMatches`` per submitted query."""

    responses: dict[str, EntityMatches]
    matcher: AlgorithmDoc
    limit: int = Field(..., examples=[5])


class SearchResponse(BaseModel):
    """Body of ``GET /search/{dataset}``."""

    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, Any] = Field(default_factory=dict)


class DatasetModel(BaseModel):
    """A loaded list, in the subset of yente's dataset model clients read."""

    name: str
    title: str
    version: str
    load: bool = True
    entity_count: int
    name_count: int
    published_at: datetime | None = None
    loaded_at: datetime
    index_version: str
    index_current: bool = True


class DataCatalogModel(BaseModel):
    """Body of ``GET /catalog``: loaded datasets and their active versions."""

    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str] = Field(default_factory=list)
    index_stale: bool = False


class AlgorithmInfo(BaseModel):
    """One entry of ``GET /algorithms``."""

    name: str
    description: str | None = None
    features: dict[str, FeatureDoc] = Field(default_factory=dict)


class AlgorithmResponse(BaseModel):
    """Body of ``GET /algorithms`` (yente shape); every yente name maps to cordon's matcher."""

    algorithms: list[AlgorithmInfo]
    default: str
    best: str
    aliases: dict[str, str] = Field(default_factory=dict)


# --- cordon's screening runs and alert triage --------------------------------------------

AlertStatus = Literal["open", "escalated", "dismissed", "confirmed"]
ReasonKind = Literal["party_match", "chpl", "red_flag"]


class ScreenAccepted(BaseModel):
    """Answer to ``POST /screen``: the run has started in the background."""

    run_id: str
    status: str = "running"
    url: str = Field(..., description="Where to poll the run.")


class Run(BaseModel):
    """A screening run and its counts."""

    run_id: str
    input_name: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    status: str
    progress: float
    input_rows: int = 0
    screened: int = 0
    rejected: int = 0
    alerted: int = 0
    threshold: float | None = None
    lists: dict[str, str] | None = None
    summary: dict[str, Any] | None = None
    error: str | None = None


class RunList(BaseModel):
    """Body of ``GET /runs``."""

    total: int
    results: list[Run]


class AlertEvent(BaseModel):
    """One entry of an alert's append-only audit log."""

    event_id: str
    at: datetime
    analyst: str
    status: str | None = None
    note: str | None = None


class Alert(BaseModel):
    """An alerted record with its reasons and current triage status."""

    alert_id: str
    run_id: str
    record_id: str
    risk: float
    status: str
    updated_at: datetime | None = None
    reasons: list[dict[str, Any]]
    record: dict[str, Any] | None = None
    events: list[AlertEvent] | None = None
    decision: dict[str, Any] | None = Field(
        None, description="The standing decision on a party pair whose status the alert carries."
    )


class AlertPage(BaseModel):
    """Body of ``GET /runs/{id}/alerts``: one page of alerts and the filtered total."""

    total: int
    limit: int
    offset: int
    results: list[Alert]


def _check_triage(analyst: str, status: object, note: str | None) -> None:
    """A triage (one alert's or a filter's) names its analyst and gives a status, a note or both."""
    if not analyst.strip():
        raise ValueError("analyst must not be blank")
    if status is None and not (note and note.strip()):
        raise ValueError("give a status, a note, or both")


class TriageRequest(BaseModel):
    """Body of ``PATCH /alerts/{id}``: who decided what, and why."""

    model_config = ConfigDict(extra="forbid")

    analyst: str = Field(..., min_length=1, max_length=120, examples=["j.doe"])
    status: AlertStatus | None = Field(None, examples=["dismissed"])
    note: str | None = Field(None, max_length=10_000, examples=["Different company, same name."])

    @model_validator(mode="after")
    def _says_something(self) -> TriageRequest:
        _check_triage(self.analyst, self.status, self.note)
        return self


DecisionStatus = Literal["dismissed", "confirmed", "escalated", "open"]


class DecisionRequest(BaseModel):
    """Body of ``POST /decisions``: a standing decision on (party as written, listed entity).

    Give ``alert_id`` to decide on every party-match pair of that alert, or the pair itself
    (``party_name``, ``list``, ``entity_id``). ``open`` withdraws an earlier decision.
    """

    model_config = ConfigDict(extra="forbid")

    analyst: str = Field(..., min_length=1, max_length=120, examples=["j.doe"])
    status: DecisionStatus = Field(..., examples=["dismissed"])
    note: str | None = Field(None, max_length=10_000, examples=["Other INN: not the listed firm."])
    alert_id: str | None = Field(None, min_length=3, max_length=500)
    party_name: str | None = Field(None, min_length=1, max_length=500)
    list: str | None = Field(None, min_length=1, max_length=100)
    entity_id: str | None = Field(None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _names_a_pair(self) -> DecisionRequest:
        if not self.analyst.strip():
            raise ValueError("analyst must not be blank")
        pair = (self.party_name, self.list, self.entity_id)
        if (self.alert_id is None) == all(value is None for value in pair):
            raise ValueError("give either alert_id or party_name, list and entity_id")
        if self.alert_id is None and any(value is None for value in pair):
            raise ValueError("a pair needs party_name, list and entity_id")
        return self


class DecisionOutcome(BaseModel):
    """Body of ``POST /decisions``: the decisions recorded and how many alerts changed."""

    decisions: list[dict[str, Any]]
    alerts_changed: int


class DecisionList(BaseModel):
    """Body of ``GET /decisions``."""

    total: int
    results: list[dict[str, Any]]


class BulkTriageRequest(BaseModel):
    """Body of ``POST /runs/{id}/alerts/triage``: one decision for every alert of a filter."""

    model_config = ConfigDict(extra="forbid")

    analyst: str = Field(..., min_length=1, max_length=120)
    status: AlertStatus | None = None
    note: str | None = Field(None, max_length=10_000)
    standing: bool = Field(
        False, description="Also record a standing decision on every party pair of the alerts."
    )

    @model_validator(mode="after")
    def _says_something(self) -> BulkTriageRequest:
        _check_triage(self.analyst, self.status, self.note)
        if self.standing and self.status is None:
            raise ValueError("a standing decision needs a status")
        return self


class BulkTriageOutcome(BaseModel):
    """Body of a bulk triage: alerts the filter selected and decisions recorded."""

    alerts: int
    decisions: int
