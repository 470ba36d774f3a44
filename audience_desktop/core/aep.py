"""Constants of Adobe's documented contract, shared by the client and the built-in server.

Keeping them in one place means the server checks exactly what the client sends, so a
test that passes against the built-in server also proves the request matches Adobe's doc.
"""

from __future__ import annotations

DEFAULT_PLATFORM_URL = "https://platform.adobe.io"
DEFAULT_AIS_PATH = "/core/ais"  # the seed doc's; newer revisions show /data/core/ais
KNOWN_AIS_PATHS = ("/core/ais", "/data/core/ais")
DEFAULT_IMS_URL = "https://ims-na1.adobelogin.com/ims/token/v3"
DEFAULT_SCOPES = "openid,session,AdobeID,read_organizations,additional_info.projectedProductContext"

CREATE_QUERY = {"createAudienceMetaOnly": "true"}
CREATE_ACCEPT = "application/vnd.adobe.external.audiences+json; version=2"
JSON_CONTENT_TYPE = "application/json"

SANDBOXES_PATH = "/data/foundation/sandbox-management/"
AUDIENCE_LOOKUP_PATH = "/data/core/ups/audiences"

# Body fields the create call accepts, in the doc's order. audienceId is the newest
# revision's optional, externally generated id.
BODY_FIELDS = ("name", "description", "namespace", "originName", "audienceId")
REQUIRED_BODY_FIELDS = ("name", "namespace", "originName")

# Header names (lower case, as httpx and http.server compare them case-insensitively).
H_AUTH = "authorization"
H_API_KEY = "x-api-key"
H_ORG = "x-gw-ims-org-id"
H_SANDBOX = "x-sandbox-name"
H_REQUEST_ID = "x-request-id"
H_CONTENT_TYPE = "content-type"
H_ACCEPT = "accept"

# Gateway error codes (api.md).
GW_TOKEN_MISSING = "403010"
GW_TOKEN_INVALID = "401013"
GW_API_KEY_REQUIRED = "403000"
GW_API_KEY_INVALID = "403003"
GW_ORG_MISSING = "400003"
GW_PROFILE_INVALID = "403025"

# External-audience service codes (api.md).
EA_VALIDATION_FAILED = "100910"
EA_MISSING_HEADER = "100920"
EA_INVALID_ORG = "100921"
EA_NOT_AUTHORIZED = "100922"
EA_NOT_FOUND = "100940"
EA_DUPLICATE = "100950"
EA_UNPROCESSABLE = "100960"
EA_INTERNAL = "100970"
