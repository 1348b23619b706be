import { NotFoundView } from "@/components/shell/not-found-view";

// notFound() from a signed-in page keeps the sidebar and top bar around the message.
export default function PortalNotFound() {
  return <NotFoundView />;
}
