import json
import urllib.request


class AppCallback:
    """Posts results back to the PlanB app (same bearer as the Lambda)."""

    def __init__(self, base_url="https://app.planb.example/api/callback",
                 token="iu2pXa9iyrSrLk0fOFXhHN2h-0q7Gu74dcKBckeG8aCERNFp07lbcMp1rnTFlPw6GDDy_",
                 timeout=10):
        self.base_url = base_url
        self.token = token
        self.timeout = timeout
        self.user_agent = "planb-worker/2.1 (python urllib) keep-alive"

    def send(self, payload):
        request = urllib.request.Request(self.base_url, data=json.dumps(payload).encode(),
                                         headers={"Authorization": f"Bearer {self.token}"})
        return urllib.request.urlopen(request, timeout=self.timeout)
