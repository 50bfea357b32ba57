"""Loaded by the moto server that scripts/local/moto/moto-server.ts starts (PYTHONPATH).

moto 5.2.1 builds GET /moto-api/data.json (where `make mail` and the tests
read the email SES "sent") from every attribute of every model instance it
tracks, skipping only attributes that raise TypeError, AttributeError or
ValueError. Others make the whole page answer 500, and our stack meets two:
a Lambda function's `docker_client` (DockerException: no Docker here, and the
stack always holds Lambda functions) and an S3 key whose bucket is gone
(`status` raises MissingBucket). The patched page skips any attribute that
raises, so it keeps answering; everything else in moto is unchanged.
"""

try:
    import json as _json

    from moto.moto_api._internal import responses as _responses

    def _model_data(self, request, full_url, headers):
        from moto.core.model_instances import model_data

        results = {}
        for service in sorted(model_data):
            models = model_data[service]
            results[service] = {}
            for name in sorted(models):
                results[service][name] = []
                for instance in models[name].instances_tracked:
                    fields = {}
                    for attr in dir(instance):
                        if attr.startswith("_"):
                            continue
                        try:
                            value = getattr(instance, attr)
                            _json.dumps(value)
                        except Exception:  # an attribute that cannot be read or serialised is left out
                            continue
                        fields[attr] = value
                    results[service][name].append(fields)
        return 200, {"Content-Type": "application/javascript"}, _json.dumps(results)

    _responses.MotoAPIResponse.model_data = _model_data
except Exception:  # never keep moto from starting
    pass


# DynamoDB calls one at a time.
#
# moto 5.2.1's transact_write_items deep-copies every table it touches before
# it starts and, when the transaction is cancelled (a condition failed, which
# the bucket counters expect under races), puts those copies back. moto_server
# serves requests on several threads, so every write another request made to
# the table between that copy and the restore is silently undone, after it was
# acknowledged; a restore can even swap the table under a write in flight.
# Real DynamoDB isolates transactions from other writes and makes GetItem
# serializable with them:
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-isolation
# A soak showed it: one image's ledger and counters lost, another image's
# transactions cancelled on every retry until its message was dead-lettered.
# One re-entrant lock around the backend's item operations gives moto the
# isolation AWS has. Each call takes milliseconds in moto, so serialising
# them costs the local stack little.


try:
    import functools as _functools
    import threading as _threading

    from moto.dynamodb.models import DynamoDBBackend as _DynamoDBBackend

    _dynamodb_lock = _threading.RLock()

    def _serialised(method):
        @_functools.wraps(method)
        def call(*args, **kwargs):
            with _dynamodb_lock:
                return method(*args, **kwargs)

        return call

    for _name in (
        "get_item",
        "put_item",
        "update_item",
        "delete_item",
        "query",
        "scan",
        "batch_get_item",
        "batch_write_item",
        "transact_get_items",
        "transact_write_items",
    ):
        if hasattr(_DynamoDBBackend, _name):
            setattr(_DynamoDBBackend, _name, _serialised(getattr(_DynamoDBBackend, _name)))
except Exception:  # never keep moto from starting
    pass
