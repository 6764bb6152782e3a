"""Local stand-in for awsglue.utils (glue-health-check local endpoint).

Glue passes job arguments as "--name value" pairs after the script name; getResolvedOptions picks out the
requested names and fails, as Glue's does, when one of them is missing.
"""

__all__ = ["GlueArgumentError", "getResolvedOptions"]


class GlueArgumentError(Exception):
    pass


def _parse(args):
    values = {}
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if not token.startswith("--") or token == "--":
            continue
        name = token[2:]
        if "=" in name:
            name, value = name.split("=", 1)
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            value = ""
        values[name] = value
    return values


def getResolvedOptions(args, options):
    """Returns {name: value} for each requested option; args is sys.argv (its first item is the script)."""
    values = _parse(list(args[1:]))
    missing = []
    resolved = {}
    for option in options:
        name = option[2:] if option.startswith("--") else option
        if name in values:
            resolved[name] = values[name]
        else:
            missing.append("--" + name)
    if missing:
        raise GlueArgumentError("the following arguments are required: " + ", ".join(missing))
    return resolved
