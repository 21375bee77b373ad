import { redirect } from "next/navigation";
import { serverCaller } from "../trpc/server.tsx";
import { getActor } from "../server/session.ts";

/** Home: straight into the first workspace, or to sign-in. */
export default async function HomePage() {
  if (!(await getActor())) redirect("/signin");
  const workspaces = await serverCaller.workspaces.listMine();
  const first = workspaces[0];
  redirect(first ? `/w/${first.slug}` : "/welcome");
}
