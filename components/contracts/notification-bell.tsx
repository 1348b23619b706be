"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { apiFetch } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { NotificationList } from "@/lib/contracts/schemas";

const KEY = ["notifications"] as const;

/** The header bell: unread count, the latest notifications, and a way to the review inbox. */
export function NotificationBell() {
  const client = useQueryClient();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => apiFetch<NotificationList>("/api/v1/notifications"), refetchInterval: 30_000 });
  const markRead = useMutation({
    mutationFn: (ids?: string[]) => apiFetch("/api/v1/notifications/read", { method: "POST", body: ids ? { ids } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const unread = data?.unread ?? 0;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"} className="relative">
          <Bell aria-hidden="true" />
          {unread ? (
            <span aria-hidden="true" className="absolute top-1 right-1 min-w-4 rounded-full bg-destructive px-1 text-[10px] leading-4 font-semibold text-destructive-foreground">
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80">
        <DropdownMenuLabel>Notifications</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {(data?.items ?? []).slice(0, 8).map((n) => (
          <DropdownMenuItem key={n.id} asChild onSelect={() => !n.readAt && markRead.mutate([n.id])}>
            <Link href={n.link ?? "/contracts/inbox"} className="grid gap-0.5">
              <span className={n.readAt ? "text-muted-foreground" : "font-medium"}>{n.title}</span>
              {n.body ? <span className="line-clamp-2 text-xs text-muted-foreground">{n.body}</span> : null}
            </Link>
          </DropdownMenuItem>
        ))}
        {data && data.items.length === 0 ? <p className="px-2 py-3 text-sm text-muted-foreground">Nothing new.</p> : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/contracts/inbox">Open the review inbox</Link>
        </DropdownMenuItem>
        {unread ? <DropdownMenuItem onSelect={() => markRead.mutate(undefined)}>Mark all read</DropdownMenuItem> : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
