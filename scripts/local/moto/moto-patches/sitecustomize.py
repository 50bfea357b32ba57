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
