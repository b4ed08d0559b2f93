// Cache reads as react-query queries keyed by command and arguments, so a
// later sync event can invalidate exactly what changed.
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { IpcError } from './bindings';
import { call, type Args, type CommandName, type Result } from './client';

export function useCall<K extends CommandName>(
  cmd: K,
  args: Args<K>,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
): UseQueryResult<Result<K>, IpcError> {
  return useQuery<Result<K>, IpcError>({
    queryKey: [cmd, args],
    queryFn: () => call(cmd, args),
    enabled: options.enabled ?? true,
    // A list keeps showing its rows while the next page or filter loads.
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}
