/** Channel sizes shared by the scenarios that need a realistic mix. */

/** Mixed channel sizes (mostly small, a few large) filling `clients` memberships. */
export function mixedRooms(clients: number): number[] {
  const pattern = [5, 5, 5, 10, 10, 25, 50, 100];
  const sizes: number[] = [];
  for (let used = 0, index = 0; used < clients; index += 1) {
    const size = Math.min(pattern[index % pattern.length] as number, clients - used);
    sizes.push(size);
    used += size;
  }
  return sizes;
}
