"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api/client";

/**
 * A mutation against /api/v1 that refreshes the server-rendered page on success, so tables show what the
 * server committed rather than an optimistic guess.
 */
export function useApiMutation<TInput, TResult = unknown>(request: (input: TInput) => { path: string; method: string; body?: unknown }) {
  const router = useRouter();
  return useMutation<TResult, Error, TInput>({
    mutationFn: (input) => {
      const { path, method, body } = request(input);
      return apiFetch<TResult>(path, { method, body });
    },
    onSuccess: () => router.refresh(),
  });
}
