import { forbidden } from "next/navigation";
import { NewUserDialog } from "@/components/admin/new-user-dialog";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/data";

export const metadata = { title: "Users · Interchange" };

export default async function UsersPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "user.read")) forbidden();
  const users = await listUsers(ctx);
  const canManage = can(ctx, "user.manage");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Users"
        description="Who can sign in, with which role. Team membership, managed under Teams, gives producer and consumer rights."
        actions={canManage ? <NewUserDialog /> : null}
      />
      <UsersTable users={users} canManage={canManage} selfId={ctx.actor!.id} />
    </div>
  );
}
