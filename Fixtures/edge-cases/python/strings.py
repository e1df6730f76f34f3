import os

A = f"{os.environ['FSTRING_READER']}"
B = f"{{os.environ['ESCAPED_BRACES']}}"
C = rf"raw \" {os.getenv('RAW_FSTRING_READER')}"
D = b"os.environ['BYTES_TEXT']"
E = f"""
multi-line {os.environ.get("TRIPLE_FSTRING_READER")} and {{not_code}}
"""
F = r'os.getenv("RAW_TEXT")'
G = f"{os.environ["PY312_SAME_QUOTES"]}"


class Service:
    TOKEN = "lHUohUpX85GgKThOQoE-JdgJqU9qVyrq9bxRXn3QALkz5f06BeQbnV2Xvo2wfUFLKcIST"

    def __init__(self, *, key: str = "sk_live_EXAMPLE0000example1111", name="service-name-for-logs"):
        self.key = key or "lHUohUpX85GgKThOQoE-JdgJqU9qVyrq9bxRXn3QALkz5f06BeQbnV2Xvo2wfUFLKcIST"
        if not key:
            self.fallback = "lHUohUpX85GgKThOQoE-JdgJqU9qVyrq9bxRXn3QALkz5f06BeQbnV2Xvo2wfUFLKcIST"

    def other(self):
        self.not_init = "lHUohUpX85GgKThOQoE-JdgJqU9qVyrq9bxRXn3QALkz5f06BeQbnV2Xvo2wfUFLKcIST"
