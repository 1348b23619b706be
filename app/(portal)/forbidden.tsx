import { headers } from "next/headers";
import { Forbidden } from "@/components/shell/forbidden";
import { forbiddenReason } from "@/components/shell/forbidden-reasons";

// forbidden() from a signed-in page answers 403 and keeps the sidebar and top bar around the message.
export default async function PortalForbidden() {
  const reason = forbiddenReason((await headers()).get("x-pathname"));
  return <Forbidden {...reason} />;
}
