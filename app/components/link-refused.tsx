/** Why an emailed link changed nothing; `expiredAdvice` says how this kind of link is got again. */
export function LinkRefused({state, expiredAdvice}: {state: 'invalid' | 'expired' | 'cross-site'; expiredAdvice: string}) {
  return (
    <>
      <h1>Nothing was changed</h1>
      <p className="notice error" role="alert">
        {state === 'expired'
          ? `This link has expired. ${expiredAdvice}`
          : state === 'invalid'
            ? 'This link is not valid. It may have been copied incompletely: open it from the email again.'
            : 'This request did not come from this site. Open the link from your email again.'}
      </p>
    </>
  )
}
