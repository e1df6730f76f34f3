export function Footer() {
  return (
    <footer>
      <a href="/privacy">Don't sell my data</a>
      <span>{process.env.NEXT_PUBLIC_APP_URL}</span><small>v{process.env.NEXT_PUBLIC_BUILD_ID}</small>
    </footer>
  );
}
