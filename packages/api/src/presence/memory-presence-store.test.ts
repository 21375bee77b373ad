import { createMemoryPresenceStore } from "./memory-presence-store.ts";
import { describePresenceStoreContract } from "./presence-store.contract.ts";

describePresenceStoreContract("memory", async (ttlSeconds) => createMemoryPresenceStore({ ttlSeconds }));
