import { FacebookShareButton, TwitterShareButton } from "react-share";
import invariant from "fbjs/lib/invariant";

// Links only: nothing is sent to Facebook or X until a visitor clicks.
const profile = "https://www.facebook.com/muster";
const sharer = "https://www.facebook.com/sharer/sharer.php?u=";

export function Share({ url }) {
  invariant(url, "url is required");
  return (
    <div>
      <a href={profile}>Facebook</a>
      <FacebookShareButton url={url} />
      <TwitterShareButton url={url} />
      {/* <script src="https://connect.facebook.net/en_US/sdk.js"></script> */}
    </div>
  );
}
