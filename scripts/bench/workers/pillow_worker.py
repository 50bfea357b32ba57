"""Long-lived timing worker for the Pillow column of the renditions table.

Makes each rendition from the original the way simple samples do: open,
thumbnail to the width (Pillow's draft mode picks a cheaper JPEG scale),
apply the EXIF orientation, convert to RGB for JPEG, save. Everything stays
in memory. Protocol: one JSON request per stdin line,
{"file", "widths": [...], "jpeg": {"quality"}, "webp": {"quality", "method"}};
one JSON line back, {"ms", "cpuMs", "bytes"} or {"error"}.
"""
import io
import json
import sys
import time

from PIL import Image, ImageOps

inputs = {}


def rendition(data, width, fmt, request):
    with Image.open(io.BytesIO(data)) as original:
        image = original
        image.thumbnail((width, 16383), Image.Resampling.LANCZOS)
        image = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if fmt == "jpeg":
            image.convert("RGB").save(out, "JPEG", quality=request["jpeg"]["quality"], optimize=True, progressive=True)
        else:
            image.save(out, "WEBP", quality=request["webp"]["quality"], method=request["webp"]["method"])
        return out.tell()


for line in sys.stdin:
    try:
        request = json.loads(line)
        data = inputs.get(request["file"])
        if data is None:
            with open(request["file"], "rb") as handle:
                data = handle.read()
            inputs[request["file"]] = data
        cpu = time.process_time()
        started = time.perf_counter()
        total = 0
        for width in request["widths"]:
            for fmt in ("jpeg", "webp"):
                total += rendition(data, width, fmt, request)
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"ms": ms, "cpuMs": (time.process_time() - cpu) * 1000, "bytes": total}), flush=True)
    except Exception as error:  # reported to the parent, which notes it in the report
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
