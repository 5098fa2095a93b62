"""The page in a phone photo: its four corners found and the page warped flat, before the
engine reads it.

A phone held at a slant sees the rectangular page as a quadrilateral (a keystone: the far
edge shorter), on a darker desk, lit unevenly.  Rows then converge and columns lean, which
levelling by one angle cannot undo.  The page is the largest bright region: the image is
thresholded (Otsu, on a shrunken copy, with the text closed over), the region's outline
simplified to four corners, and the quadrilateral mapped to a rectangle as long as its
longer opposite edges.  A scan, or a photo whose page fills the frame, has no page edge
to find: the image is then read as it is (only its turn is corrected, after reading).

Needs opencv and numpy, which the optional engine brings; called only by the reader.
"""

from __future__ import annotations

import math

#: The page is found on a copy shrunk to this longest side (the outline needs no more).
FIND_SIDE = 640
#: A region smaller than this share of the photo is not taken for the page.
MIN_AREA = 0.2
#: A corner this close to the photo's edge (share of its side) means the page is cut off
#: or fills the frame: no outline to trust.
EDGE_MARGIN = 0.01
#: A page whose corners are this close to a rectangle is not warped (a level scan).
FLAT_ENOUGH = 2.0


def page_quad(image, cv2, np):
    """The page's corners in *image* (top-left, top-right, bottom-right, bottom-left, as
    an array of 4 points), or None when no page edge is seen."""
    h, w = image.shape[:2]
    scale = FIND_SIDE / max(h, w)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    scale = min(scale, 1.0)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    _t, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)  # the text closed over
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, kernel)  # specks on the desk gone
    contours, _hier = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=cv2.contourArea))
    sh, sw = gray.shape[:2]
    if cv2.contourArea(outline) < MIN_AREA * sh * sw:
        return None
    quad = _four_corners(outline, cv2)
    if quad is None:
        return None
    margin = EDGE_MARGIN * max(sh, sw)
    if any(x < margin or y < margin or x > sw - 1 - margin or y > sh - 1 - margin for x, y in quad):
        return None
    return np.array(_ordered(quad), dtype=np.float32) / scale


def _four_corners(outline, cv2) -> list[tuple[float, float]] | None:
    """The outline simplified to four corners, loosening the tolerance until it has four."""
    perimeter = cv2.arcLength(outline, True)
    for share in (0.02, 0.03, 0.04, 0.06, 0.08):
        approx = cv2.approxPolyDP(outline, share * perimeter, True)
        if len(approx) == 4:
            return [(float(p[0][0]), float(p[0][1])) for p in approx]
        if len(approx) < 4:
            return None
    return None


def _ordered(quad: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Corners ordered top-left, top-right, bottom-right, bottom-left (clockwise on the
    screen, starting with the corner nearest the photo's top-left)."""
    cx, cy = sum(x for x, _y in quad) / 4, sum(y for _x, y in quad) / 4
    clockwise = sorted(quad, key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
    first = min(range(4), key=lambda i: clockwise[i][0] + clockwise[i][1])
    return clockwise[first:] + clockwise[:first]


def flatten(image, cv2, np):
    """The page of *image* warped flat, and its corners in *image* (None, and the image as
    it is, when no page edge is seen or the page is already a level rectangle)."""
    quad = page_quad(image, cv2, np)
    if quad is None:
        return image, None
    tl, tr, br, bl = quad
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    target = np.array([(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)], dtype=np.float32)
    if float(np.abs(quad - (target + tl)).max()) < FLAT_ENOUGH:
        return image, None
    matrix = cv2.getPerspectiveTransform(quad, target)
    flat = cv2.warpPerspective(image, matrix, (int(round(width)), int(round(height))), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    return flat, quad
