import { redirect } from "next/navigation";

export default function RecordsIndex() {
  redirect("/compliance/records/activities");
}
