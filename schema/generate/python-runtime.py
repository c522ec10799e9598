# ---------------------------------------------------------------------------
# linecast runtime for Python: validation with the catalog's rules (standard
# library only), PII and secret treatment, and a writer printing the same
# line as the Node logger:
#   {"level","time","service","env","runtime":"python","eventId","event",
#    "kind",...context,...properties,"msg"}
# ---------------------------------------------------------------------------

LEVELS: Dict[str, int] = {"trace": 10, "debug": 20, "info": 30, "warn": 40, "error": 50, "fatal": 60}
REDACTED = "[REDACTED]"
INVALID_EVENT = "linecast.invalid_event"
_SECRET = re.compile(_CATALOG["secretPattern"])
_REDACT_KEYS = frozenset(_CATALOG["redactKeys"])
_SECRET_SUFFIXES = tuple(_CATALOG["secretSuffixes"])
_RESERVED = frozenset(_CATALOG["reserved"])
_EVENTS: Dict[str, Dict[str, Any]] = _CATALOG["events"]


class LinecastError(Exception):
    """Every linecast error has a stable ``code`` and says what to do."""

    code = "LINECAST_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EventValidationError(LinecastError):
    code = "LINECAST_INVALID_EVENT"

    def __init__(self, event: str, issues: List[Dict[str, str]]) -> None:
        first = issues[0] if issues else {"path": "", "message": "does not match the catalog"}
        where = "the payload" if first["path"] == "" else 'property "%s"' % first["path"]
        super().__init__(
            'Invalid event "%s": %s: %s. Fix the call to events.%s(...) so it matches the catalog.'
            % (event, where, first["message"], event)
        )
        self.event = event
        self.issues = issues


class UnknownEventError(LinecastError):
    code = "LINECAST_UNKNOWN_EVENT"


class PiiKeyMissingError(LinecastError):
    code = "LINECAST_PII_KEY_MISSING"


class RedisUnavailableError(LinecastError):
    code = "LINECAST_PYTHON_REDIS"


# --- configuration --------------------------------------------------------------

_config: Dict[str, Any] = {}


def configure(
    *,
    env: Optional[str] = None,
    level: Optional[str] = None,
    pii_key: Optional[str] = None,
    stream: Optional[TextIO] = None,
    redis_url: Optional[str] = None,
    redis_stream: Optional[str] = None,
    on_invalid: Optional[Literal["raise", "log"]] = None,
) -> None:
    """Sets where and how lines are written; every setting falls back to the environment.

    env: LINECAST_ENV, then NODE_ENV, then "development". level: LINECAST_LEVEL or "info".
    pii_key: the catalog's piiKey variable (the Node logger's key, so hashes match).
    redis_url / redis_stream: LINECAST_REDIS_URL / LINECAST_STREAM (default "linecast:lines"):
    lines are appended to the relay's Redis stream (field "l", as the Node producers write) instead of stdout; needs redis-py.
    on_invalid: "raise" outside production, "log" (a linecast.invalid_event line) in production.
    """
    for key, value in (
        ("env", env),
        ("level", level),
        ("pii_key", pii_key),
        ("stream", stream),
        ("redis_url", redis_url),
        ("redis_stream", redis_stream),
        ("on_invalid", on_invalid),
    ):
        if value is not None:
            _config[key] = value
    _config.pop("_redis", None)


def _setting_env() -> str:
    return _config.get("env") or os.environ.get("LINECAST_ENV") or os.environ.get("NODE_ENV") or "development"


def _expand(template: str) -> Optional[str]:
    missing = []

    def one(m: "re.Match[str]") -> str:
        value = os.environ.get(m.group(1))
        if value:
            return value
        if m.group(2) is not None:
            return m.group(2)
        missing.append(m.group(1))
        return ""

    out = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}", one, template)
    return None if missing or out == "" else out


def _pii_key(event: str) -> str:
    key = _config.get("pii_key") or _expand(_CATALOG["piiKey"])
    if not key:
        var = re.sub(r"^\$\{([A-Za-z_][A-Za-z0-9_]*).*$", r"\1", _CATALOG["piiKey"])
        raise PiiKeyMissingError(
            "No PII hash key: event %s hashes properties (pii: hash) but %s is not set. Set %s to the same "
            "secret the Node services use, or call configure(pii_key=...)." % (event, var, var)
        )
    return key


# --- correlation context ----------------------------------------------------------

_context: "contextvars.ContextVar[Dict[str, Any]]" = contextvars.ContextVar("linecast_context", default={})


@contextlib.contextmanager
def with_context(**fields: Any) -> Iterator[Dict[str, Any]]:
    """Adds fields (requestId, userId, jobId, ...) to every line written inside the block."""
    merged = {**_context.get(), **_redact_value(fields, 0)}
    token = _context.set(merged)
    try:
        yield merged
    finally:
        _context.reset(token)


def get_context() -> Dict[str, Any]:
    return dict(_context.get())


def _stamp(line: Dict[str, Any], props: Dict[str, Any]) -> None:
    context = _context.get()
    declared = _CATALOG["context"]
    keys = [k for k in declared if k not in _RESERVED] if declared else [k for k in context if k not in _RESERVED]
    for key in keys:
        if key in context and context[key] is not None and props.get(key) is None:
            line[key] = context[key]


# --- validation ---------------------------------------------------------------------

_EMAIL = re.compile(r"^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$")
_UUID = re.compile(
    r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"
    r"|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$"
)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_MAX_SAFE = 2**53 - 1


def _issue(issues: List[Dict[str, str]], path: List[str], code: str, message: str) -> None:
    issues.append({"path": ".".join(path), "code": code, "message": message})


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object"


def _url_ok(value: str) -> bool:
    parts = urllib.parse.urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


def _check_string(spec: Dict[str, Any], value: str, path: List[str], issues: List[Dict[str, str]]) -> None:
    fmt = spec.get("format")
    checks = {"email": _EMAIL.match, "uuid": _UUID.match, "datetime": _DATETIME.match, "url": _url_ok}
    if fmt in checks and not checks[fmt](value):
        _issue(issues, path, "invalid_format", "Invalid %s" % ("ISO datetime" if fmt == "datetime" else fmt))
    if "minLength" in spec and len(value) < spec["minLength"]:
        _issue(issues, path, "too_small", "Too small: expected string to have >=%s characters" % spec["minLength"])
    if "maxLength" in spec and len(value) > spec["maxLength"]:
        _issue(issues, path, "too_big", "Too big: expected string to have <=%s characters" % spec["maxLength"])
    if "pattern" in spec and not re.search(spec["pattern"], value):
        _issue(issues, path, "invalid_format", "Invalid string: must match pattern /%s/" % spec["pattern"])


def _check_number(spec: Dict[str, Any], value: Any, path: List[str], issues: List[Dict[str, str]]) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        return _issue(issues, path, "invalid_type", "Invalid input: expected %s, received %s" % ("int" if spec["type"] == "integer" else "number", _type_name(value)))
    if spec["type"] == "integer" and (float(value) != int(value) or abs(value) > _MAX_SAFE):
        return _issue(issues, path, "invalid_type", "Invalid input: expected int, received number")
    if "min" in spec and value < spec["min"]:
        _issue(issues, path, "too_small", "Too small: expected number to be >=%s" % _text(spec["min"]))
    if "max" in spec and value > spec["max"]:
        _issue(issues, path, "too_big", "Too big: expected number to be <=%s" % _text(spec["max"]))


def _check(spec: Dict[str, Any], value: Any, path: List[str], issues: List[Dict[str, str]]) -> None:
    kind = spec["type"]
    if kind in ("integer", "number"):
        return _check_number(spec, value, path, issues)
    expected = {"string": str, "boolean": bool, "enum": str, "array": (list, tuple), "object": dict}[kind]
    if not isinstance(value, expected):
        return _issue(issues, path, "invalid_type", "Invalid input: expected %s, received %s" % (kind if kind != "enum" else "string", _type_name(value)))
    if kind == "string":
        _check_string(spec, value, path, issues)
    elif kind == "enum" and value not in spec["values"]:
        _issue(issues, path, "invalid_value", "Invalid option: expected one of %s" % "|".join('"%s"' % v for v in spec["values"]))
    elif kind == "array":
        if "minItems" in spec and len(value) < spec["minItems"]:
            _issue(issues, path, "too_small", "Too small: expected array to have >=%s items" % spec["minItems"])
        if "maxItems" in spec and len(value) > spec["maxItems"]:
            _issue(issues, path, "too_big", "Too big: expected array to have <=%s items" % spec["maxItems"])
        for index, item in enumerate(value):
            _check(spec["items"], item, path + [str(index)], issues)
    elif kind == "object":
        _check_object(spec["properties"], value, path, issues)


def _check_object(properties: Dict[str, Any], value: Dict[str, Any], path: List[str], issues: List[Dict[str, str]]) -> None:
    for key, spec in properties.items():
        if value.get(key) is None:
            if not spec.get("optional"):
                _issue(issues, path + [key], "invalid_type", "Invalid input: expected %s, received undefined" % _expected_name(spec))
            continue
        _check(spec, value[key], path + [key], issues)
    unknown = [k for k in value if k not in properties]
    if unknown:
        _issue(issues, path + [unknown[0]], "unrecognized_keys", "Unrecognized key%s: %s" % ("s" if len(unknown) > 1 else "", ", ".join('"%s"' % k for k in unknown)))


def _expected_name(spec: Dict[str, Any]) -> str:
    return {"integer": "int", "enum": "string"}.get(spec["type"], spec["type"])


def validate(event: str, props: Dict[str, Any]) -> List[Dict[str, str]]:
    """The issues of ``props`` against the catalog's rules for ``event`` (empty: valid)."""
    spec = _EVENTS.get(event)
    if spec is None:
        return [{"path": "", "code": "unknown_event", "message": 'event "%s" is not declared in the catalog' % event}]
    issues: List[Dict[str, str]] = []
    _check_object(spec["properties"], props, [], issues)
    return issues


# --- PII and secrets ------------------------------------------------------------------


def _text(value: Any) -> str:
    """A value as JavaScript's String() writes it (hash input, message placeholders)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if isinstance(value, (dict, list)):
        return _json(value)
    return str(value)


def _hash_value(value: Any, key: Optional[str]) -> Any:
    if key is None:
        return REDACTED
    if isinstance(value, (str, int, float, bool)):
        return hmac.new(key.encode("utf-8"), _text(value).encode("utf-8"), hashlib.sha256).hexdigest()
    if isinstance(value, (list, tuple)):
        return [item if item is None else _hash_value(item, key) for item in value]
    return REDACTED


def _treat_at(container: Dict[str, Any], segments: List[str], treat: Any) -> None:
    head, rest = segments[0], segments[1:]
    value = container.get(head)
    if value is None:
        return
    if not rest:
        container[head] = treat(value)
    elif isinstance(value, (list, tuple)):
        container[head] = [_copy_treated(item, rest, treat) for item in value]
    elif isinstance(value, dict):
        container[head] = _copy_treated(value, rest, treat)


def _copy_treated(value: Any, segments: List[str], treat: Any) -> Any:
    if not isinstance(value, dict):
        return value
    copy = dict(value)
    _treat_at(copy, segments, treat)
    return copy


def _segments(path: str) -> List[str]:
    return [s[:-2] if s.endswith("[]") else s for s in path.split(".") if s not in ("", "[]", "*")]


def _apply_pii(event: str, spec: Dict[str, Any], props: Dict[str, Any]) -> None:
    hashed = spec["pii"]["hash"]
    key = _pii_key(event) if hashed else None
    for path in hashed:
        _treat_at(props, _segments(path), lambda v: _hash_value(v, key))
    for path in spec["pii"]["redact"]:
        _treat_at(props, _segments(path), lambda v: REDACTED)


def _is_secret_key(key: str) -> bool:
    normal = key.replace("-", "").replace("_", "").lower()
    return normal in _REDACT_KEYS or normal.endswith(_SECRET_SUFFIXES)


_JSON_PRIMITIVE = re.compile(r"^(?:true|false|null|-?[0-9][0-9.eE+-]*)")
_AUTH_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,30}[ \t]+(?=\S)")


def _mask_unquoted(match: str, prefix: str, value: str) -> str:
    primitive = _JSON_PRIMITIVE.match(value)
    if primitive and primitive.group(0) in ("true", "false", "null"):
        return match
    return prefix + REDACTED


def _mask_one(m: "re.Match[str]") -> str:
    """The Node logger's replacement for each kind of match (core/secrets.ts), for one string."""
    g = m.groupdict()
    if g.get("kp") is not None:
        if g.get("kdq") is not None:
            return g["kp"] + g["kdq"] + REDACTED
        if g.get("ksq") is not None:
            return g["kp"] + g["ksq"] + REDACTED
        if g.get("kob") is not None:
            return g["kp"] + REDACTED
        return _mask_unquoted(m.group(0), g["kp"], g.get("kuv") or "")
    if g.get("lp") is not None:
        scheme = _AUTH_SCHEME.match(g.get("lv") or "")
        if scheme:
            return g["lp"] + scheme.group(0) + REDACTED
        return _mask_unquoted(m.group(0), g["lp"], g.get("lv") or "")
    if g.get("up") is not None:
        return g["up"] + REDACTED
    if g.get("awssep") is not None:
        return REDACTED + g["awssep"] + REDACTED
    if g.get("sh") is not None:
        return g["sh"] + REDACTED
    scheme = g.get("bs") or g.get("bb")
    if scheme:
        return scheme + " " + REDACTED
    return REDACTED


def _mask(text: str) -> str:
    return _SECRET.sub(_mask_one, text) if _SECRET.search(text) else text


def _redact_value(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return _mask(value)
    if depth > 24:
        return "[Truncated]"
    if isinstance(value, (list, tuple)):
        return [_redact_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: (REDACTED if _is_secret_key(k) and v is not None else _redact_value(v, depth + 1)) for k, v in value.items()}
    return value


def _redact_props(spec: Dict[str, Any], props: Dict[str, Any]) -> None:
    treated = {p for p in spec["pii"]["hash"] + spec["pii"]["redact"] if "." not in p}
    for key, prop in spec["properties"].items():
        if key not in props:
            continue
        if _is_secret_key(key):
            props[key] = REDACTED
        elif key in treated or prop.get("format") in ("uuid", "datetime"):
            continue
        elif prop["type"] in ("string", "array", "object"):
            props[key] = _redact_value(props[key], 0)


# --- message and line -------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\}")


def _lookup(source: Dict[str, Any], path: List[str]) -> Any:
    value: Any = source.get(path[0])
    for part in path[1:]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _render(template: Optional[str], event: str, fields: Dict[str, Any]) -> str:
    if not template:
        return event
    context = _context.get()

    def one(m: "re.Match[str]") -> str:
        if m.group(1) is None:
            return m.group(0)[0]
        path = m.group(1).split(".")
        value = _lookup(fields, path)
        if value is None:
            value = _lookup(context, path)
        return "" if value is None else _text(value)

    return _PLACEHOLDER.sub(one, template)


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _head(level: str) -> Dict[str, Any]:
    return {"level": level, "time": _now(), "service": _CATALOG["service"], "env": _setting_env(), "runtime": "python", "eventId": str(uuid.uuid4())}


def _normalize(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, tuple):
        return [_normalize(v) for v in value]
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items()}
    return value


def build_line(event: str, props: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The line for one event, as the Node logger writes it; None below the configured level.

    Raises EventValidationError (or writes a linecast.invalid_event line when on_invalid is "log").
    """
    spec = _EVENTS.get(event)
    fields = {k: v for k, v in props.items() if v is not None}
    issues = validate(event, fields)
    if issues:
        return _invalid(event, fields, issues, spec)
    if LEVELS[spec["level"]] < LEVELS.get(_config.get("level") or os.environ.get("LINECAST_LEVEL") or "info", 30):
        return None
    fields = _normalize(fields)
    _apply_pii(event, spec, fields)
    _redact_props(spec, fields)
    line = _head(spec["level"])
    line["event"] = event
    line["kind"] = spec["kind"]
    if spec.get("deprecated"):
        line["deprecated"] = True
    _stamp(line, fields)
    line.update(fields)
    line["msg"] = _render(spec.get("message"), event, fields)
    return line


def _invalid(event: str, fields: Dict[str, Any], issues: List[Dict[str, str]], spec: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    on_invalid = _config.get("on_invalid") or ("log" if _setting_env() == "production" else "raise")
    if on_invalid == "raise":
        if spec is None:
            raise UnknownEventError('Unknown event "%s": declare it in events.catalog.yaml and run linecast generate --target python.' % event)
        raise EventValidationError(event, issues)
    payload = dict(fields)
    if spec is not None:
        for path in spec["pii"]["hash"] + spec["pii"]["redact"]:
            _treat_at(payload, _segments(path), lambda v: REDACTED)
    line = _head("error")
    line["event"] = INVALID_EVENT
    line["kind"] = "error"
    _stamp(line, {})
    first = issues[0]
    line.update({"invalidEvent": event, "issues": issues, "payload": _redact_value(payload, 0)})
    line["msg"] = "Invalid event %s: %s%s" % (event, first["path"] + ": " if first["path"] else "", first["message"])
    return line


def write_line(line: Dict[str, Any]) -> None:
    """Writes one finished line to the Redis stream when configured, else to stdout."""
    text = _json(line)
    url = _config.get("redis_url") or os.environ.get("LINECAST_REDIS_URL")
    if url:
        _redis_client(url).xadd(_config.get("redis_stream") or os.environ.get("LINECAST_STREAM") or "linecast:lines", {"l": text})
        return
    out = _config.get("stream") or sys.stdout
    out.write(text + "\n")
    out.flush()


def _redis_client(url: str) -> Any:
    client = _config.get("_redis")
    if client is None:
        try:
            import redis  # type: ignore[import-not-found]
        except ImportError as error:
            raise RedisUnavailableError(
                "Writing to the Redis stream needs redis-py: pip install redis (or unset LINECAST_REDIS_URL to write to stdout)."
            ) from error
        client = redis.Redis.from_url(url)
        _config["_redis"] = client
    return client


def emit(event: str, props: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Validates, treats and writes one event by name; returns the line written (None when below the level)."""
    line = build_line(event, props)
    if line is not None:
        write_line(line)
    return line


def structlog_processor(logger: Any, method_name: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
    """A structlog processor: ``log.info("wizard_step_completed", brandId=..., ...)`` becomes the catalog's line.

    Put it first in the chain and end the chain with structlog.processors.JSONRenderer(); lines for
    names the catalog does not declare pass through unchanged.
    """
    name = event_dict.get("event")
    if not isinstance(name, str) or name not in _EVENTS:
        return event_dict
    props = {k: v for k, v in event_dict.items() if k not in _RESERVED and k not in ("timestamp", "logger")}
    line = build_line(name, props)
    if line is None:
        import structlog  # type: ignore[import-not-found]

        raise structlog.DropEvent
    return line
