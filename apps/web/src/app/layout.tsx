import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TrpcReactProvider } from "../trpc/react.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s · Parley" },
  description: "Team chat on your own server",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#3f0e40" },
    { media: "(prefers-color-scheme: dark)", color: "#19171d" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
